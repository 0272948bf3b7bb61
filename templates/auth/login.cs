<?cs set:Page.title = L.login.title ?><?cs set:Page.section = "login" ?><?cs include:"layout/header.cs" ?>
<section class="login">
<h1><?cs var:L.login.title ?></h1>
<p class="muted"><?cs var:L.login.intro ?></p>
<form method="post" action="/login" class="stack">
<?cs call:csrf() ?>
<?cs if:Form.next ?><input type="hidden" name="next" value="<?cs var:Form.next ?>"><?cs /if ?>
<div class="field<?cs if:Errors.login ?> has-error<?cs /if ?>">
<label for="f-login"><?cs var:L.login.login ?></label>
<input type="text" id="f-login" name="login" value="<?cs var:Form.login ?>" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus>
<?cs if:Errors.login ?><p class="error"><?cs var:Errors.login ?></p><?cs /if ?>
</div>
<div class="field<?cs if:Errors.password ?> has-error<?cs /if ?>">
<label for="f-password"><?cs var:L.login.password ?></label>
<input type="password" id="f-password" name="password" autocomplete="current-password" required>
<?cs if:Errors.password ?><p class="error"><?cs var:Errors.password ?></p><?cs /if ?>
</div>
<button type="submit" class="primary"><?cs var:L.login.submit ?></button>
</form>
</section>
<?cs include:"layout/footer.cs" ?>

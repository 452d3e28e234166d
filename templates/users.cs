<?cs set:Page.Title = Lang.users.title ?><?cs set:Page.Wide = 1 ?><?cs set:Page.Label.password = Lang.users.temp_password ?><?cs include!"header.cs" ?>
<h1><?cs var:Lang.users.title ?></h1>
<?cs call:error_summary() ?>
<p><?cs var:Lang.users.intro ?></p><?cs
if:Page.ResetError.user ?>
<form method="post" action="<?cs var:Site.Base ?>/admin/users/reset" class="field field-error"><?cs call:csrf() ?>
<input type="hidden" name="username" value="<?cs var:Page.ResetError.user ?>">
<label for="f-reset-password"><?cs var:Lang.users.temp_password ?> <?cs var:Page.ResetError.user ?></label>
<p class="error" id="f-reset-password-error"><?cs var:Page.ResetError.text ?></p>
<input type="password" id="f-reset-password" name="password" autocomplete="new-password" size="14" aria-invalid="true" aria-describedby="f-reset-password-error">
<button type="submit"><?cs var:Lang.users.reset ?><span class="visually-hidden"> <?cs var:Page.ResetError.user ?></span></button></form><?cs
/if ?>
<?cs if:Page.AllRoles ?>
<form method="get" action="<?cs var:Site.Base ?>/admin/users" class="filter">
<label for="filter-j"><?cs var:Lang.users.filter ?></label>
<select id="filter-j" name="jurisdiction"><option value=""><?cs var:Lang.users.filter_all ?></option><?cs
each:j = Page.Jurisdictions ?><option value="<?cs var:j.code ?>"<?cs if:j.code == Page.Filter ?> selected<?cs /if ?>><?cs var:j.name ?> (<?cs var:j.code ?>)</option><?cs
/each ?></select>
<button type="submit"><?cs var:Lang.users.filter_button ?></button></form><?cs /if ?>
<div class="scroll"><table class="data">
<caption><?cs var:Lang.users.title ?> (<?cs var:Lang.users.page ?> <?cs var:Page.Number ?>)</caption>
<thead><tr><th scope="col"><?cs var:Lang.home.username ?></th><th scope="col"><?cs var:Lang.home.name ?></th>
<th scope="col"><?cs var:Lang.home.role ?></th><th scope="col"><?cs var:Lang.home.jurisdiction ?></th>
<th scope="col"><?cs var:Lang.users.state ?></th><th scope="col"><?cs var:Lang.users.actions ?></th></tr></thead>
<tbody><?cs each:u = Page.Users ?>
<tr><th scope="row"><?cs var:u.username ?></th><td><?cs var:u.name ?></td><td><?cs var:Lang.role[u.role] ?></td>
<td><?cs alt:u.jcode ?>&ndash;<?cs /alt ?></td><td><?cs var:Lang.users[u.state] ?></td>
<td><?cs if:!u.can_change ?><a href="<?cs var:Site.Base ?>/account/password"><?cs var:Lang.users.own ?></a><?cs else ?><form method="post" action="<?cs var:Site.Base ?>/admin/users/<?cs if:u.state == "disabled" ?>unlock<?cs else ?>lock<?cs /if ?>" class="inline"><?cs call:csrf() ?>
<input type="hidden" name="username" value="<?cs var:u.username ?>">
<button type="submit"><?cs if:u.state == "disabled" ?><?cs var:Lang.users.unlock ?><?cs else ?><?cs var:Lang.users.lock ?><?cs /if ?><span class="visually-hidden"> <?cs var:u.username ?></span></button></form>
<form method="post" action="<?cs var:Site.Base ?>/admin/users/reset" class="inline"><?cs call:csrf() ?>
<input type="hidden" name="username" value="<?cs var:u.username ?>">
<label for="pw-<?cs var:u.username ?>" class="visually-hidden"><?cs var:Lang.users.temp_password ?> <?cs var:u.username ?></label>
<input type="password" id="pw-<?cs var:u.username ?>" name="password" autocomplete="new-password" size="14">
<button type="submit"><?cs var:Lang.users.reset ?><span class="visually-hidden"> <?cs var:u.username ?></span></button></form><?cs /if ?></td></tr><?cs
/each ?></tbody></table></div>
<nav class="pager" aria-label="<?cs var:Lang.users.pages ?>"><?cs
if:Page.Prev ?><a href="<?cs var:Site.Base ?>/admin/users?page=<?cs var:Page.Prev ?><?cs if:Page.Filter ?>&amp;jurisdiction=<?cs var:url_escape(Page.Filter) ?><?cs /if ?>"><?cs var:Lang.users.prev ?></a> <?cs /if ?><?cs
if:Page.Next ?><a href="<?cs var:Site.Base ?>/admin/users?page=<?cs var:Page.Next ?><?cs if:Page.Filter ?>&amp;jurisdiction=<?cs var:url_escape(Page.Filter) ?><?cs /if ?>"><?cs var:Lang.users.next ?></a><?cs /if ?></nav>
<h2><?cs var:Lang.users.create ?></h2>
<form method="post" action="<?cs var:Site.Base ?>/admin/users" novalidate><?cs call:csrf() ?>
<?cs call:field("username", Lang.home.username, "text", "off", Lang.users.username_hint, "1") ?>
<?cs call:field("name", Lang.home.name, "text", "off", "", "1") ?>
<?cs call:field("email", Lang.users.email, "email", "off", Lang.users.email_hint, "") ?>
<div class="field<?cs if:Form.role.error ?> field-error<?cs /if ?>">
<label for="f-role"><?cs var:Lang.home.role ?><?cs call:need_mark("1") ?></label><?cs
if:Form.role.error ?><p class="error" id="f-role-error"><?cs var:Form.role.error ?></p><?cs /if ?>
<select id="f-role" name="role"><?cs
each:r = Page.Roles ?>
<option value="<?cs var:r.value ?>"<?cs if:Form.role.value == r.value ?> selected<?cs /if ?>><?cs var:Lang.role[r.key] ?></option><?cs
/each ?></select></div><?cs
if:Page.AllRoles ?>
<div class="field<?cs if:Form.jurisdiction.error ?> field-error<?cs /if ?>">
<label for="f-jurisdiction"><?cs var:Lang.home.jurisdiction ?></label>
<p class="hint" id="f-jurisdiction-hint"><?cs var:Lang.users.jurisdiction_hint ?></p><?cs
if:Form.jurisdiction.error ?><p class="error" id="f-jurisdiction-error"><?cs var:Form.jurisdiction.error ?></p><?cs /if ?>
<select id="f-jurisdiction" name="jurisdiction" aria-describedby="f-jurisdiction-hint<?cs
if:Form.jurisdiction.error ?> f-jurisdiction-error<?cs /if ?>"<?cs if:Form.jurisdiction.error ?> aria-invalid="true"<?cs /if ?>><option value=""><?cs var:Lang.users.jurisdiction_none ?></option><?cs
each:j = Page.Jurisdictions ?><option value="<?cs var:j.code ?>"<?cs if:j.code == Form.jurisdiction.value ?> selected<?cs /if ?>><?cs var:j.name ?> (<?cs var:j.code ?>)</option><?cs
/each ?></select></div><?cs
/if ?>
<?cs call:field("password", Lang.users.temp_password, "password", "new-password", Lang.password.new_hint, "1") ?>
<button type="submit"><?cs var:Lang.users.create ?></button>
</form>
<?cs include!"footer.cs" ?>

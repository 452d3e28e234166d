<?cs # macros.cs: the form pieces every page draws the same way. ?>
<?cs def:error_summary() ?><?cs
  if:Form.errors > 0 ?>
<div class="error-summary" role="alert" tabindex="-1" id="error-summary">
  <h2><?cs var:Lang.form.errors_title ?></h2>
  <p><?cs if:Form.errors == 1 ?><?cs var:Lang.form.errors_one ?><?cs
    else ?><?cs var:Lang.form.errors_many ?><?cs /if ?></p>
</div><?cs
  /if ?><?cs
/def ?>
<?cs # A labelled input with its hint and error; secrets are never echoed.
     required: "1" adds the attribute, "" leaves an optional field. ?>
<?cs def:field(name, label, type, autocomplete, hint, required) ?>
<div class="field<?cs if:Form[name].error ?> field-error<?cs /if ?>">
  <label for="f-<?cs var:name ?>"><?cs var:label ?></label><?cs
  if:hint ?>
  <p class="hint" id="f-<?cs var:name ?>-hint"><?cs var:hint ?></p><?cs
  /if ?><?cs
  if:Form[name].error ?>
  <p class="error" id="f-<?cs var:name ?>-error"><?cs var:Form[name].error ?></p><?cs
  /if ?>
  <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="<?cs var:type ?>"
    autocomplete="<?cs var:autocomplete ?>"<?cs
  if:type != "password" ?> value="<?cs var:Form[name].value ?>"<?cs /if ?><?cs
  if:Form[name].error ?> aria-invalid="true" aria-describedby="f-<?cs var:name ?>-error<?cs if:hint ?> f-<?cs var:name ?>-hint<?cs /if ?>"<?cs
  elif:hint ?> aria-describedby="f-<?cs var:name ?>-hint"<?cs /if ?><?cs
  if:required ?> required<?cs /if ?>>
</div><?cs
/def ?>
<?cs def:csrf() ?><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><?cs
if:Page.Kept.id ?><input type="hidden" name="kept" value="<?cs var:Page.Kept.id ?>"><?cs /if ?><?cs /def ?>

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
<?cs def:csrf() ?><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><?cs /def ?>
<?cs # fmt(text, arg): the language text with its %s replaced by arg (both
     escaped like every value), so a translation puts the name where its
     grammar wants it. ?>
<?cs def:fmt(text, arg) ?><?cs set:fmt_at = string.find(text, "%s") ?><?cs
  if:fmt_at < 0 ?><?cs var:text ?><?cs
  else ?><?cs var:string.slice(text, 0, fmt_at) ?><?cs var:arg ?><?cs var:string.slice(text, fmt_at + 2, string.length(text)) ?><?cs
  /if ?><?cs
/def ?>
<?cs # next_step(): who acts next on the submission (Page.Next, set by
     report_put_submission from the policy), and why the viewer cannot. ?>
<?cs def:next_step() ?><?cs
  if:Page.Next.step ?>
<div class="next-step" id="next-step">
<p><strong><?cs var:Lang.next.title ?>:</strong> <?cs
  if:Page.Next.step == "none" ?><?cs var:Lang.next.none[Page.Sub.status] ?><?cs
  elif:Page.Next.who == "nobody" ?><?cs var:Lang.next.nobody[Page.Next.step] ?><?cs
  else ?><?cs call:fmt(Lang.next[Page.Next.step][Page.Next.who], Page.Sub.jname) ?><?cs
  /if ?></p><?cs
  if:Page.Next.step != "none" && Page.Next.who != "nobody" ?>
<p><?cs if:Page.Next.you == "can" ?><?cs var:Lang.next.you_can[Page.Next.step] ?><?cs
  elif:Page.Next.you == "role" ?><?cs call:fmt(Lang.next.why_role[Page.Next.step], Lang.role[User.Role]) ?><?cs
  else ?><?cs var:Lang.next.why_status ?><?cs /if ?><?cs
  if:Page.Next.edit ?> <?cs var:Lang.next.you_edit ?><?cs /if ?></p><?cs
  /if ?>
</div><?cs
  /if ?><?cs
/def ?>
<?cs # return_reason(): why the secretariat returned this dataset
     (Page.Reason), on the page where it is corrected. ?>
<?cs def:return_reason() ?><?cs
  if:Page.Reason ?>
<div class="reason" id="return-reason"><h2><?cs var:Lang.sub.reason ?></h2>
<p><?cs var:Page.Reason ?></p></div><?cs
  /if ?><?cs
/def ?>

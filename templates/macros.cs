<?cs # macros.cs: the form pieces every page draws the same way. ?>
<?cs # fmt(text, arg): the language text with its %s replaced by arg (both
     escaped like every value), so a translation puts the name where its
     grammar wants it. Defined before the macros that call it. ?>
<?cs def:fmt(text, arg) ?><?cs set:fmt_at = string.find(text, "%s") ?><?cs
  if:fmt_at < 0 ?><?cs var:text ?><?cs
  else ?><?cs var:string.slice(text, 0, fmt_at) ?><?cs var:arg ?><?cs var:string.slice(text, fmt_at + 2, string.length(text)) ?><?cs
  /if ?><?cs
/def ?>
<?cs # actor(a): who made a change, as stored: an account's name, or
     "cli:<system account>" for vrsadm on the host, said in words. ?>
<?cs def:actor(a) ?><?cs
  if:string.slice(a, 0, 4) == "cli:" ?><?cs call:fmt(Lang.history.who_cli, string.slice(a, 4, string.length(a))) ?><?cs
  else ?><?cs var:a ?><?cs /if ?><?cs
/def ?>
<?cs # The error summary, first in a form that was refused: it says that
     nothing was saved and links each problem to its field
     (Form.Problems.N.id, put by resp_problem() in C). A grid cell's line
     names its table, row and column; a field is named by Page.Label.<field>
     when the page labels it otherwise than Lang.label. Page.NoSave: the
     form saves nothing anyway (signing in). ?>
<?cs def:error_summary() ?><?cs
  if:Form.errors > 0 || subcount(Form.Problems) > 0 ?>
<div class="error-summary" role="alert" tabindex="-1" id="error-summary" aria-labelledby="error-summary-title">
  <h2 id="error-summary-title"><?cs var:Lang.form.errors_title ?></h2>
  <p><?cs if:!Page.NoSave ?><?cs var:Lang.form.not_saved ?> <?cs /if ?><?cs
  if:subcount(Form.Problems) == 1 ?><?cs var:Lang.form.errors_one ?><?cs
  else ?><?cs var:Lang.form.errors_many ?><?cs /if ?></p>
  <ul class="error-list"><?cs each:p = Form.Problems ?>
    <li><a href="#<?cs var:p.id ?>"><?cs
      if:p.row ?><?cs var:p.table ?>, <?cs var:p.row ?>, <?cs var:p.col ?>: <?cs
      elif:p.ds ?><?cs var:Lang.ds[p.ds].title ?>: <?cs
      elif:p.n && Lang.label_n[p.field] ?><?cs call:fmt(Lang.label_n[p.field], p.n) ?>: <?cs
      elif:Page.Label[p.field] ?><?cs var:Page.Label[p.field] ?>: <?cs
      elif:Lang.label[p.field] ?><?cs var:Lang.label[p.field] ?><?cs if:p.n ?> <?cs var:p.n ?><?cs /if ?>: <?cs
      /if ?><?cs var:p.text ?></a></li><?cs /each ?>
  </ul>
</div><?cs
  /if ?><?cs
/def ?>
<?cs # What a notice key (Page.Done, from ?done= after a change, checked in
     C against a fixed list) says happened. ?>
<?cs def:done_notice() ?><?cs
  if:Page.Done ?><p class="notice" role="status" id="done"><?cs var:Lang.done[Page.Done] ?></p><?cs /if ?><?cs
/def ?>
<?cs # After a label: "(required)" or "(optional)"; "either" for a field
     that one of several may fill (the hint says which), which gets no
     mark. ?>
<?cs def:need_mark(required) ?><?cs
  if:required == "either" ?><?cs
  elif:required ?> <span class="need"><?cs var:Lang.form.required ?></span><?cs
  else ?> <span class="need"><?cs var:Lang.form.optional ?></span><?cs /if ?><?cs
/def ?>
<?cs # A labelled input with its hint and error; secrets are never echoed.
     required: "1" adds the attribute, "" leaves an optional field,
     "either" one of several that one must fill. ?>
<?cs def:field(name, label, type, autocomplete, hint, required) ?>
<div class="field<?cs if:Form[name].error ?> field-error<?cs /if ?>">
  <label for="f-<?cs var:name ?>"><?cs var:label ?><?cs call:need_mark(required) ?></label><?cs
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
  if:required && required != "either" ?> required<?cs /if ?>>
</div><?cs
/def ?>
<?cs def:csrf() ?><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><?cs
if:Page.Kept.id ?><input type="hidden" name="kept" value="<?cs var:Page.Kept.id ?>"><?cs /if ?><?cs /def ?>
<?cs # next_step(): who acts next on the submission (Page.Next, set by
     report_put_submission from the policy), and why the viewer cannot. ?>
<?cs def:next_step() ?><?cs
  if:Page.Next.step ?>
<div class="next-step" id="next-step">
<p><strong><?cs var:Lang.next.title ?>:</strong> <?cs
  if:Page.Next.step == "none" ?><?cs var:Lang.next.none[Page.Sub.status] ?><?cs
  elif:Page.Next.who == "nobody" ?><?cs var:Lang.next.nobody[Page.Next.step] ?><?cs
  elif:Page.Next.fill ?><?cs call:fmt(Lang.next.fill[Page.Next.fill][Page.Next.who], Page.Sub.jname) ?><?cs
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
<?cs # readonly_reason(): why the viewer cannot change this submission
     (Page.ReadOnly, from the policy), where the forms would be. ?>
<?cs def:readonly_reason() ?>
<p class="notice" id="readonly"><?cs
  if:Page.ReadOnly.why == "role" ?><?cs call:fmt(Lang.next.readonly.role, Lang.role[User.Role]) ?><?cs
  elif:Page.ReadOnly.why == "accepted" && Page.ReadOnly.reopen ?><?cs var:Lang.next.readonly.accepted_reopen ?>
<a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>"><?cs var:Lang.next.readonly.sub_page ?></a>.<?cs
  elif:Page.ReadOnly.why == "accepted" ?><?cs var:Lang.next.readonly.accepted ?><?cs
  elif:Page.ReadOnly.why ?><?cs var:Lang.next.readonly[Page.ReadOnly.why] ?><?cs
  else ?><?cs var:Lang.next.readonly.other ?><?cs /if ?></p><?cs
/def ?>
<?cs # return_reason(): why the secretariat returned this dataset
     (Page.Reason), on the page where it is corrected. ?>
<?cs def:return_reason() ?><?cs
  if:Page.Reason ?>
<div class="reason" id="return-reason"><h2><?cs var:Lang.sub.reason ?></h2>
<p><?cs var:Page.Reason ?></p></div><?cs
  /if ?><?cs
/def ?>

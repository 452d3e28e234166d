<?cs # submission-actions.cs: the workflow forms of a submission, on its
     overview and its review page (Page.Review: the forms say so, and a
     refused one is shown again there): the sharing level, certify and
     submit with nil returns and the warnings' acknowledgement, accept,
     and return with reasons; each only when the policy allows it. ?><?cs
if:Page.Can.submit ?>
<form method="post" action="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/sharing"><?cs call:csrf() ?>
<fieldset><legend><?cs var:Lang.pool.sub_level ?></legend>
<div class="check"><input type="radio" id="level-attributed" name="level" value="attributed"<?cs if:Page.Sub.sharing_level != "aggregate" ?> checked<?cs /if ?>>
<label for="level-attributed"><?cs var:Lang.pool.level_attributed ?></label></div>
<div class="check"><input type="radio" id="level-aggregate" name="level" value="aggregate"<?cs if:Page.Sub.sharing_level == "aggregate" ?> checked<?cs /if ?>>
<label for="level-aggregate"><?cs var:Lang.pool.level_aggregate_long ?></label></div>
<button type="submit" class="secondary"><?cs var:Lang.pool.sub_level_change ?></button></fieldset></form>
<h2><?cs var:Lang.sub.submit_title ?></h2>
<form method="post" action="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/submit"><?cs call:csrf() ?>
<input type="hidden" name="row_version" value="<?cs var:Page.Sub.row_version ?>"><?cs
if:Page.Review ?><input type="hidden" name="from" value="review"><?cs /if ?>
<fieldset><legend><?cs var:Lang.sub.nil ?></legend><?cs
each:d = Page.Datasets ?>
<div class="check<?cs if:d.error ?> field-error<?cs /if ?>"><?cs
if:d.error ?><p class="error" id="nil-<?cs var:d.key ?>-error"><?cs var:Lang.sub[d.error] ?></p><?cs /if ?>
<input type="checkbox" id="nil-<?cs var:d.key ?>" name="nil_<?cs var:d.key ?>" value="1"<?cs
if:d.nil_offer ?> checked<?cs /if ?><?cs if:d.error ?> aria-describedby="nil-<?cs var:d.key ?>-error"<?cs /if ?>>
<label for="nil-<?cs var:d.key ?>"><?cs var:Lang.ds[d.key].title ?>: <?cs var:Lang.sub.nil_label ?></label></div><?cs
/each ?></fieldset><?cs
if:subcount(Page.Warnings) > 0 ?>
<div class="check<?cs if:Page.Error.acknowledge ?> field-error<?cs /if ?>"><?cs
if:Page.Error.acknowledge ?><p class="error" id="ack-error"><?cs var:Lang.sub.acknowledge_error ?></p><?cs /if ?>
<input type="checkbox" id="acknowledge" name="acknowledge" value="1">
<label for="acknowledge"><?cs var:Lang.sub.acknowledge ?></label></div><?cs
/if ?>
<div class="check<?cs if:Page.Error.certify ?> field-error<?cs /if ?>"><?cs
if:Page.Error.certify ?><p class="error" id="certify-error"><?cs var:Lang.sub.certify_error ?></p><?cs /if ?>
<input type="checkbox" id="certify" name="certify" value="1">
<label for="certify"><?cs var:Lang.sub.certify ?></label></div>
<button type="submit"><?cs var:Lang.sub.submit ?></button>
</form><?cs
/if ?><?cs
if:Page.Can.review ?>
<h2><?cs var:Lang.sub.review_title ?></h2>
<form method="post" action="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/accept" class="inline"><?cs call:csrf() ?>
<input type="hidden" name="row_version" value="<?cs var:Page.Sub.row_version ?>"><?cs
if:Page.Review ?><input type="hidden" name="from" value="review"><?cs /if ?>
<button type="submit"><?cs var:Lang.sub.accept ?></button></form><?cs
/if ?><?cs
if:Page.Can.return ?>
<form method="post" action="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/return"><?cs call:csrf() ?>
<input type="hidden" name="row_version" value="<?cs var:Page.Sub.row_version ?>"><?cs
if:Page.Review ?><input type="hidden" name="from" value="review"><?cs /if ?><?cs
if:Page.Error.reason ?><p class="error" id="reason-error"><?cs var:Lang.sub.reason_error ?></p><?cs /if ?><?cs
each:d = Page.Datasets ?>
<div class="field<?cs if:d.reason_error ?> field-error<?cs /if ?>">
<label for="reason-<?cs var:d.key ?>"><?cs var:Lang.sub.reason_label ?>: <?cs var:Lang.ds[d.key].title ?></label><?cs
if:d.reason_error ?><p class="error"><?cs var:d.reason_error ?></p><?cs /if ?>
<textarea id="reason-<?cs var:d.key ?>" name="reason_<?cs var:d.key ?>" rows="2"><?cs var:d.reason ?></textarea></div><?cs
/each ?>
<button type="submit"><?cs var:Lang.sub.return ?></button>
</form><?cs
/if ?>

<?cs # mail-returned.cs: to the state's data entry officers and focal
     points when the secretariat returns a submission, with its reasons.
     The first line is the subject. ?><?cs
var:Lang.mail.returned.subject ?> <?cs var:Mail.period ?>, <?cs var:Mail.jname ?> (<?cs var:Mail.jcode ?>)

<?cs var:Lang.mail.hello ?>

<?cs var:Lang.mail.returned.text ?>

<?cs var:Lang.mail.state ?> <?cs var:Mail.jname ?> (<?cs var:Mail.jcode ?>)
<?cs var:Lang.mail.period ?> <?cs var:Mail.period ?>
<?cs var:Lang.mail.due ?> <?cs var:Mail.due ?>

<?cs var:Lang.mail.returned.reasons ?>
<?cs each:r = Mail.Reasons ?>- <?cs var:Lang.ds[r.part].title ?>: <?cs var:r.text ?>
<?cs /each ?>

<?cs var:Lang.mail.open_link ?>
<?cs var:Mail.site ?>/submission/<?cs var:Mail.sub ?>
<?cs include!"mail-footer.cs" ?>

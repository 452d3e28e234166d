<?cs # mail-submitted.cs: to the secretariat's analysts when a state
     submits. The first line is the subject. ?><?cs
var:Lang.mail.submitted.subject ?> <?cs var:Mail.period ?>, <?cs var:Mail.jname ?> (<?cs var:Mail.jcode ?>)

<?cs var:Lang.mail.hello ?>

<?cs var:Lang.mail.submitted.text ?>

<?cs var:Lang.mail.state ?> <?cs var:Mail.jname ?> (<?cs var:Mail.jcode ?>)
<?cs var:Lang.mail.period ?> <?cs var:Mail.period ?>
<?cs var:Lang.mail.version ?> <?cs var:Mail.version ?>

<?cs var:Lang.mail.open_link ?>
<?cs var:Mail.site ?>/submission/<?cs var:Mail.sub ?>/review
<?cs include!"mail-footer.cs" ?>

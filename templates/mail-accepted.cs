<?cs # mail-accepted.cs: to the state's users when the secretariat accepts
     its submission. The first line is the subject. ?><?cs
var:Lang.mail.accepted.subject ?> <?cs var:Mail.period ?>, <?cs var:Mail.jname ?> (<?cs var:Mail.jcode ?>)

<?cs var:Lang.mail.hello ?>

<?cs var:Lang.mail.accepted.text ?>

<?cs var:Lang.mail.state ?> <?cs var:Mail.jname ?> (<?cs var:Mail.jcode ?>)
<?cs var:Lang.mail.period ?> <?cs var:Mail.period ?>
<?cs var:Lang.mail.version ?> <?cs var:Mail.version ?>

<?cs var:Lang.mail.open_link ?>
<?cs var:Mail.site ?>/submission/<?cs var:Mail.sub ?>
<?cs include!"mail-footer.cs" ?>

<?cs # mail-opened.cs: to every national user when the secretariat opens
     a reporting period. The first line is the subject. ?><?cs
var:Lang.mail.opened.subject ?> <?cs var:Mail.period ?>

<?cs var:Lang.mail.hello ?>

<?cs var:Lang.mail.opened.text ?>

<?cs var:Lang.mail.period ?> <?cs var:Mail.period ?>
<?cs var:Lang.mail.opened.covers ?> <?cs var:Mail.starts ?> <?cs var:Lang.mail.opened.to ?> <?cs var:Mail.ends ?>
<?cs var:Lang.mail.due ?> <?cs var:Mail.due ?>
<?cs var:Lang.mail.opened.locks ?> <?cs var:Mail.locks ?>

<?cs var:Lang.mail.open_link ?>
<?cs var:Mail.site ?>/report
<?cs include!"mail-footer.cs" ?>

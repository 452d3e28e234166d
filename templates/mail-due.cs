<?cs # mail-due.cs: the reminder before a due date, to the users of a
     state that has not submitted (once per user and period). The first
     line is the subject. ?><?cs
var:Lang.mail.due.subject ?> <?cs var:Mail.period ?> <?cs var:Lang.mail.due.subject_on ?> <?cs var:Mail.due ?> (<?cs var:Mail.jcode ?>)

<?cs var:Lang.mail.hello ?>

<?cs var:Lang.mail.due.text ?>

<?cs var:Lang.mail.state ?> <?cs var:Mail.jname ?> (<?cs var:Mail.jcode ?>)
<?cs var:Lang.mail.period ?> <?cs var:Mail.period ?>
<?cs var:Lang.mail.due ?> <?cs var:Mail.due ?>

<?cs var:Lang.mail.open_link ?>
<?cs var:Mail.site ?>/report
<?cs include!"mail-footer.cs" ?>

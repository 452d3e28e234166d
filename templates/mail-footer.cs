<?cs # mail-footer.cs: the end of every notification: who sent it and how
     to turn notifications off. ?>

<?cs var:Lang.mail.footer.auto ?>
<?cs var:Lang.mail.footer.off ?>
<?cs var:Mail.site ?>/account/notifications

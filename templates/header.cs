<!DOCTYPE html><?cs include!"macros.cs" ?>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Page.Title ?> - <?cs var:Lang.app.short ?></title>
<link rel="stylesheet" href="<?cs var:Site.Static ?>/style.css">
</head>
<body>
<a class="skip" href="#main"><?cs var:Lang.app.skip ?></a>
<header class="site">
  <div class="brand"><a href="<?cs var:Site.Base ?>/"><?cs var:Lang.app.short ?></a>
    <span class="tagline"><?cs var:Lang.app.name ?></span></div><?cs
  if:?User.Username ?>
  <nav aria-label="Account">
    <span class="who"><?cs var:Lang.nav.signed_in_as ?> <strong><?cs var:User.Name ?></strong></span>
    <a href="<?cs var:Site.Base ?>/"><?cs var:Lang.nav.home ?></a><?cs
    if:Nav.report ?>
    <a href="<?cs var:Site.Base ?>/report"><?cs var:Lang.nav.report ?></a><?cs /if ?><?cs
    if:Nav.pooled ?>
    <a href="<?cs var:Site.Base ?>/sharing"><?cs var:Lang.pool.nav ?></a><?cs /if ?><?cs
    if:Nav.periods ?>
    <a href="<?cs var:Site.Base ?>/admin/periods"><?cs var:Lang.section.periods.title ?></a><?cs /if ?>
    <a href="<?cs var:Site.Base ?>/account/password"><?cs var:Lang.nav.password ?></a>
    <a href="<?cs var:Site.Base ?>/account/notifications"><?cs var:Lang.nav.notifications ?></a>
    <form method="post" action="<?cs var:Site.Base ?>/logout" class="inline"><?cs call:csrf() ?>
      <button type="submit" class="link"><?cs var:Lang.nav.signout ?></button></form>
  </nav><?cs
  /if ?>
</header>
<main id="main">

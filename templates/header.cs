<!DOCTYPE html><?cs include!"macros.cs" ?>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<?cs # A page of a submission names it: "Flows (persons) 2026-S2, QZA". ?>
<title><?cs var:Page.Title ?><?cs if:Page.Sub.id ?> <?cs var:Page.Sub.period ?>, <?cs var:Page.Sub.jcode ?><?cs /if ?> - <?cs var:Lang.app.short ?></title>
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
<main id="main"<?cs if:Page.Wide ?> class="wide"<?cs /if ?>><?cs call:done_notice() ?><?cs
if:Page.Kept.review ?>
<div class="notice kept" role="status"><p><?cs var:Lang.kept.review ?></p>
<form method="post" action="<?cs var:Site.Base ?>/kept/discard" class="inline"><?cs call:csrf() ?>
<input type="hidden" name="id" value="<?cs var:Page.Kept.id ?>">
<button type="submit" class="secondary"><?cs var:Lang.kept.discard ?></button></form></div><?cs
/if ?>

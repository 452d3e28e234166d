</main>
<footer class="site"><p><?cs var:Lang.app.footer ?></p></footer>
</body>
</html>

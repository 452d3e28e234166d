<?cs # grid-table.cs: one table of a dataset: editable when Page.Can.edit
     and not Page.ReadOnly, else figures only. t is the table; idp is ""
     or the id of a heading above the tables, which prefixes their ids and
     names (the stale page shows two versions of each table). A table
     without inputs scrolls as a named region keyboard users can focus.
     A cell's inputs are named "number" and "flag"; where they are is said
     by the row and column headers (th with scope), which screen readers
     announce on entering a cell. A label per cell naming both cost 4.6 KB
     gzipped on a 150-row grid (30.5 KB, over the 30 KB that issue 13
     allows).
     t.Cols holds the columns' headers, t.ColTotals their totals.
     A cell (grid.c, put_cell) is one node per cell of r.C: in a read-only
     table its value is the figure, in an editable one the name of its
     inputs ("tbl:row:col") with the figure in x.v; x.f is there only for
     a flag other than A, x.err only for a message. The loops over cells
     call no macro and look nothing up by index (g is Lang.grid, a lookup
     below it instead of from the root): a 675-cell grid renders each
     cell with two or three lookups. ?>
<?cs def:grid_table(t, editable, idp) ?>
<h2 id="<?cs if:idp ?><?cs var:idp ?>-<?cs /if ?>t-<?cs var:t.key ?>"><?cs var:Lang.ds[Grid.dataset][t.key] ?></h2>
<div class="scroll"<?cs if:!editable || subcount(t.Rows) == 0 ?> role="region" tabindex="0" aria-labelledby="<?cs
if:idp ?><?cs var:idp ?> <?cs var:idp ?>-<?cs /if ?>t-<?cs var:t.key ?>"<?cs /if ?>><table class="grid">
<caption class="visually-hidden"><?cs var:Lang.ds[Grid.dataset][t.key] ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.grid.row ?></th><?cs
each:c = t.Cols ?><th scope="col" class="num"><?cs var:c ?></th><?cs /each ?>
<th scope="col" class="num"><?cs var:Lang.grid.total ?></th><?cs
if:editable && !t.fixed ?><th scope="col"><span class="visually-hidden"><?cs var:Lang.grid.remove ?></span></th><?cs /if ?></tr></thead>
<tbody><?cs with:g = Lang.grid ?><?cs each:r = t.Rows ?>
<tr><th scope="row"><?cs var:r.label ?></th><?cs
if:editable ?><?cs each:x = r.C ?>
<td class="num<?cs if:x.err ?> field-error"><span class="cell">
<input type="text" inputmode="numeric" id="v:<?cs var:x ?>" name="v:<?cs var:x ?>" value="<?cs var:x.v ?>" aria-label="<?cs var:g.value ?>" aria-invalid="true" aria-describedby="v:<?cs var:x ?>-error"><?cs
  else ?>"><span class="cell">
<input type="text" inputmode="numeric" name="v:<?cs var:x ?>" value="<?cs var:x.v ?>" aria-label="<?cs var:g.value ?>"><?cs /if ?>
<select name="f:<?cs var:x ?>" aria-label="<?cs var:g.flag_label ?>"><?cs
  if:!x.f ?><option value="A" selected>A</option><option value="E">E</option><option value="M">M</option><option value="Z">Z</option><option value="C">C</option><?cs
  else ?><option value="A">A</option><option value="E"<?cs if:x.f == "E" ?> selected<?cs /if ?>>E</option><option value="M"<?cs
  if:x.f == "M" ?> selected<?cs /if ?>>M</option><option value="Z"<?cs if:x.f == "Z" ?> selected<?cs /if ?>>Z</option><option value="C"<?cs
  if:x.f == "C" ?> selected<?cs /if ?>>C</option><?cs /if ?></select></span><?cs
  if:x.err ?><p class="error" id="v:<?cs var:x ?>-error"><?cs var:x.err ?></p><?cs /if ?></td><?cs
/each ?><?cs
else ?><?cs # each cell ends where the next one (or the total) starts:
  one piece of text between two cells instead of two ?>
<td class="num"><?cs each:x = r.C ?><?cs var:x ?><?cs
  if:x.f ?><?cs if:x == "" ?><?cs var:Lang.flag_word[x.f] ?><?cs else ?> (<?cs var:Lang.flag_word[x.f] ?>)<?cs /if ?><?cs /if ?></td>
<td class="num"><?cs /each ?><?cs /if ?><?cs if:editable ?>
<td class="num"><?cs /if ?><?cs var:r.total ?></td><?cs
if:editable && !t.fixed ?><td><button type="submit" name="action" value="remove:<?cs var:t.key ?>:<?cs var:r.code ?>" class="secondary"><?cs var:g.remove ?><span class="visually-hidden"> <?cs var:r.label ?></span></button></td><?cs /if ?></tr><?cs
/each ?><?cs /with ?></tbody>
<tfoot><tr><th scope="row"><?cs var:Lang.grid.total ?></th><?cs
each:c = t.ColTotals ?><td class="num"><?cs var:c ?></td><?cs /each ?>
<td class="num"><?cs var:t.total ?></td><?cs if:editable && !t.fixed ?><td></td><?cs /if ?></tr></tfoot>
</table></div><?cs
/def ?>
<?cs # grid_add: the page's one "add a row" control: which table, which
     row (Grid.Choices, the one country list of the page), kept as chosen
     after a refused add. ?>
<?cs def:grid_add() ?>
<fieldset class="field grid-add<?cs if:Page.AddError ?> field-error<?cs /if ?>">
<legend><?cs var:Lang.grid.add_label ?></legend><?cs
if:Page.AddError ?><p class="error" id="add-error"><?cs var:Page.AddError ?></p><?cs /if ?>
<label for="add-table"><?cs var:Lang.grid.add_table ?></label>
<select id="add-table" name="add_table"<?cs if:Page.AddError ?> aria-describedby="add-error"<?cs /if ?>><?cs
each:t = Grid.Tables ?><?cs if:!t.fixed ?><option value="<?cs var:t.key ?>"<?cs
if:Page.Add.table == t.key ?> selected<?cs /if ?>><?cs var:Lang.ds[Grid.dataset][t.key] ?></option><?cs /if ?><?cs /each ?></select>
<label for="add-row"><?cs var:Lang.grid.add_row ?></label>
<select id="add-row" name="add_row"<?cs if:Page.AddError ?> aria-describedby="add-error"<?cs /if ?>><option value=""><?cs var:Lang.grid.choose ?></option><?cs
each:o = Grid.Choices ?><option value="<?cs var:o.code ?>"<?cs if:Page.Add.row == o.code ?> selected<?cs /if ?>><?cs var:o.label ?></option><?cs /each ?></select>
<button type="submit" name="action" value="add"><?cs var:Lang.grid.add ?></button></fieldset><?cs
/def ?>

namespace CodingRules.Testing;

/// <summary>
/// The rows of one data table that conditions read (<c>rows</c>, <c>row</c>), against the rows it holds. Counted, never
/// listed: a CMS file holds up to millions of rows, and a test suite reads the few its cases name.
/// </summary>
/// <param name="Owner">The rule set version that declares the table (<c>id@version</c>).</param>
/// <param name="Table">The table's name.</param>
/// <param name="File">The data file the rows are read from.</param>
/// <param name="RowsRead">Distinct rows read by some test case.</param>
/// <param name="RowsHeld">Rows the table holds.</param>
public sealed record TableRowCoverage(string Owner, string Table, string File, int RowsRead, int RowsHeld);

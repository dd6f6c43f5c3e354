using System.Collections.Frozen;
using System.Collections.Immutable;
using CodingRules.Language;

namespace CodingRules.Model;

/// <summary>The type of a column of a data table.</summary>
public enum ColumnKind
{
    /// <summary>The cell's text.</summary>
    Text,

    /// <summary>A number (with <see cref="TableColumn.NumberPrefix"/>, the number the cell starts with).</summary>
    Number,

    /// <summary>A date in the column's <see cref="TableColumn.DateFormat"/>.</summary>
    Date,
}

/// <summary>One column of a table layout, in file order.</summary>
public sealed record TableColumn(string Name, ColumnKind Kind, string Description)
{
    /// <summary>Cell texts that mean "no value" (the cell is missing); an empty cell always is.</summary>
    public ImmutableArray<string> Missing { get; init; } = [];

    /// <summary>For numbers: read the number the cell starts with and ignore the words after it ("2 Date of Service Edit: Policy").</summary>
    public bool NumberPrefix { get; init; }

    /// <summary>For dates: the format, e.g. yyyyMMdd or yyyy-MM-dd.</summary>
    public string DateFormat { get; init; } = "yyyy-MM-dd";

    /// <summary>True when some cells may be missing: the field's type is optional.</summary>
    public bool MayBeMissing { get; init; }
}

/// <summary>
/// How a delimited data file is laid out (a CMS NCCI file, say): the delimiter, the header row that data follows,
/// the columns in file order and the columns that make a row's key. Declared once under <c>layouts:</c>, read by
/// every table of that layout.
/// </summary>
public sealed record TableLayout(string Name, char Delimiter, string? Header, ImmutableArray<TableColumn> Columns, ImmutableArray<int> Key)
{
    /// <summary>What the layout is, for documentation and the row type.</summary>
    public string Description { get; init; } = string.Empty;
}

/// <summary>One data row: its cells (typed) and the line of the file it was read from.</summary>
public sealed record TableRow(ImmutableArray<Value> Cells, int Line);

/// <summary>
/// A table read from a data file at load: its rows in file order, indexed by key (a key may have several rows, e.g. a
/// pair edit deleted and added again), the type expressions see a row as, and the hash of the file's bytes.
/// </summary>
public sealed record DataTable : IDataTable
{
    private readonly FrozenDictionary<string, ValueList> _byKey;

    /// <summary>A table of these rows, read from <paramref name="path"/> (or lines written in the rule file) by <paramref name="layout"/>.</summary>
    public DataTable(string name, TableLayout layout, string path, ImmutableArray<TableRow> rows)
    {
        Name = name;
        FilePath = path;
        Layout = layout;
        Path = path;
        Rows = rows;
        Lines = [.. rows.Select(r => Line(layout, r))];
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', Lines))));
        RowType = ExprType.ObjectOf(Schema(name, layout));
        _byKey = rows
            .GroupBy(KeyOf, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => new ValueList([.. g.Select(r => Value.FromObject(r))]), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>How the file is laid out.</summary>
    public TableLayout Layout { get; }

    /// <summary>The data file, as written in the rule file (relative to it).</summary>
    public string Path { get; }

    /// <summary>The data file's path as read (the rule file's folder joined with <see cref="Path"/>), for locations.</summary>
    public string FilePath { get; init; }

    /// <summary>
    /// SHA-256 of the rows in canonical form (<see cref="Lines"/>), lower-case hex: part of the rule set's hash. A
    /// change of a row changes it; the lines before the header (a disclaimer) and the spacing of cells do not, as
    /// comments and spacing of a rule file do not change its hash.
    /// </summary>
    public string Sha256 { get; }

    /// <summary>Each row written back in the layout (the delimiter between cells, dates in their format), as a flat file writes it.</summary>
    public ImmutableArray<string> Lines { get; }

    /// <summary>The rows, in file order.</summary>
    public ImmutableArray<TableRow> Rows { get; }

    /// <inheritdoc />
    public int KeyCount => Layout.Key.Length;

    /// <summary>The type of a row in expressions: an object with one field per column.</summary>
    public ExprType RowType { get; }

    /// <summary>The key of a row: its key cells' texts joined with <see cref="IDataTable.KeySeparator"/>.</summary>
    public string KeyOf(TableRow row) => string.Join(IDataTable.KeySeparator, Layout.Key.Select(k => KeyText(row.Cells[k])));

    /// <summary>A value as a key part: a text as it is, a number in invariant form, a date as YYYY-MM-DD; null when missing.</summary>
    public static string? KeyText(Value value) => value.Kind switch
    {
        TypeKind.String => value.AsString,
        TypeKind.Number => value.AsNumber.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        TypeKind.Date => value.AsDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>The rows with this key, in file order; empty when none.</summary>
    public IValueList Find(string key) => _byKey.TryGetValue(key, out var rows) ? rows : ValueList.Empty;

    /// <summary>
    /// The rows grouped by key, in file order of each key's first row: the key as written (parts joined with " / "),
    /// the rows' texts (joined with "; ") and where the first of them is, for diffs.
    /// </summary>
    public IEnumerable<(string Key, string Text, Text.SourceLocation At)> ByKey() =>
        Rows.GroupBy(KeyOf, StringComparer.Ordinal).Select(g => (
            g.Key.Replace(IDataTable.KeySeparator.ToString(), " / ", StringComparison.Ordinal),
            string.Join("; ", g.Select(Text)),
            new Text.SourceLocation(FilePath, g.First().Line, 1)));

    /// <summary>A row's text for diffs and messages: its cells, tab-separated.</summary>
    public static string Text(TableRow row) => string.Join(" | ", row.Cells.Select(c => KeyText(c) ?? "-"));

    private static string Line(TableLayout layout, TableRow row) =>
        string.Join(layout.Delimiter, layout.Columns.Select((c, i) => row.Cells[i] switch
        {
            { IsNull: true } => c.Missing.IsEmpty ? string.Empty : c.Missing[0],
            { Kind: TypeKind.Date } d => d.AsDate.ToString(c.DateFormat, System.Globalization.CultureInfo.InvariantCulture),
            var v => Cell(layout, KeyText(v) ?? string.Empty),
        }));

    private static string Cell(TableLayout layout, string text) =>
        layout.Delimiter == ',' && (text.Contains(',', StringComparison.Ordinal) || text.StartsWith('"'))
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;

    private static ObjectSchema Schema(string name, TableLayout layout) =>
        new ObjectSchema($"{name} row", $"A row of table {name} (layout {layout.Name})").Define(
            [.. layout.Columns.Select((c, i) => new FieldDefinition(
                c.Name,
                (c.Kind, c.MayBeMissing) switch
                {
                    (ColumnKind.Number, false) => ExprType.Number,
                    (ColumnKind.Number, true) => ExprType.OptionalNumber,
                    (ColumnKind.Date, false) => ExprType.Date,
                    (ColumnKind.Date, true) => ExprType.Date.AsOptional(),
                    (_, false) => ExprType.String,
                    _ => ExprType.String.AsOptional(),
                },
                c.Description,
                o => ((TableRow)o).Cells[i]))]);
}

namespace CodingRules.Language;

/// <summary>
/// A table of typed rows read from a data file, as expressions see it: the row type, how many key columns a lookup
/// names, and the rows of a key (the key parts joined with <see cref="KeySeparator"/>).
/// </summary>
public interface IDataTable
{
    /// <summary>Separates the parts of a composite key.</summary>
    const char KeySeparator = '\n';

    /// <summary>The table's name in the rule set.</summary>
    string Name { get; }

    /// <summary>An object type with one field per column.</summary>
    ExprType RowType { get; }

    /// <summary>The number of key columns: a lookup names one value for each.</summary>
    int KeyCount { get; }

    /// <summary>The rows with this key, in file order; empty when none.</summary>
    IValueList Find(string key);
}

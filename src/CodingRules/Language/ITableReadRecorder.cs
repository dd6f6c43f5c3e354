namespace CodingRules.Language;

/// <summary>
/// Told of every row a condition reads from a table (<c>lookup</c>, <c>rows</c>, <c>row</c>), for test coverage. Set
/// on a frame only while coverage is collected; the fast path sees a null and records nothing. Not thread-safe: one
/// recorder per evaluation at a time.
/// </summary>
internal interface ITableReadRecorder
{
    /// <summary>A <c>rows</c> call read all of <paramref name="rows"/>; a <c>row</c> call only the first (<paramref name="count"/> is 1).</summary>
    void ReadRows(IDataTable table, IValueList rows, int count);

    /// <summary>A <c>lookup</c> found <paramref name="key"/> in <paramref name="table"/>.</summary>
    void ReadLookup(IReadOnlyDictionary<string, Value> table, string key);
}

using CodingRules.Language;
using CodingRules.Model;

namespace CodingRules.Evaluation;

/// <summary>
/// What the evaluations it is passed to exercised, for test coverage (<c>codingrules test --coverage</c>): how often
/// each check was evaluated and fired, how often each ladder step coded a line, and which table rows conditions read.
/// Passed into evaluation the way an <see cref="EvaluationTrace"/> is, and like it collected only when asked for: the
/// fast path carries a null and records nothing. Items are told apart by reference (each compiled rule set version
/// has its own checks and steps), so a recorder is meaningful only with the catalog it was used with. Not
/// thread-safe: one evaluation at a time.
/// </summary>
public sealed class CoverageRecorder : ITableReadRecorder
{
    private readonly Dictionary<Check, CheckCounts> _checks = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<LadderStep, int> _steps = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IDataTable, HashSet<TableRow>> _rows = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IReadOnlyDictionary<string, Value>, HashSet<string>> _lookups = new(ReferenceEqualityComparer.Instance);

    /// <summary>How often a check was evaluated (per procedure, joint, nerve, session or line it was tested on) and fired.</summary>
    public readonly record struct CheckCounts(int Evaluated, int Fired);

    /// <summary>The counts of <paramref name="check"/>; zero when it was never evaluated.</summary>
    public CheckCounts Of(Check check) => _checks.GetValueOrDefault(check);

    /// <summary>How many lines <paramref name="step"/> coded.</summary>
    public int LinesCoded(LadderStep step) => _steps.GetValueOrDefault(step);

    /// <summary>Whether a condition read <paramref name="row"/> of <paramref name="table"/>.</summary>
    public bool WasRead(IDataTable table, TableRow row) => _rows.TryGetValue(table, out var read) && read.Contains(row);

    /// <summary>How many distinct rows of <paramref name="table"/> conditions read.</summary>
    public int RowsRead(IDataTable table) => _rows.TryGetValue(table, out var read) ? read.Count : 0;

    /// <summary>Whether a <c>lookup</c> found <paramref name="key"/> in <paramref name="table"/>.</summary>
    public bool WasRead(IReadOnlyDictionary<string, Value> table, string key) => _lookups.TryGetValue(table, out var read) && read.Contains(key);

    /// <summary>Adds what <paramref name="other"/> recorded (evaluations run on other threads, each with its own recorder).</summary>
    internal void Add(CoverageRecorder other)
    {
        foreach (var (check, counts) in other._checks)
        {
            var mine = _checks.GetValueOrDefault(check);
            _checks[check] = new CheckCounts(mine.Evaluated + counts.Evaluated, mine.Fired + counts.Fired);
        }

        foreach (var (step, lines) in other._steps)
        {
            _steps[step] = _steps.GetValueOrDefault(step) + lines;
        }

        foreach (var (table, rows) in other._rows)
        {
            if (!_rows.TryGetValue(table, out var read))
            {
                _rows[table] = read = new HashSet<TableRow>(ReferenceEqualityComparer.Instance);
            }

            read.UnionWith(rows);
        }

        foreach (var (table, keys) in other._lookups)
        {
            if (!_lookups.TryGetValue(table, out var read))
            {
                _lookups[table] = read = new HashSet<string>(StringComparer.Ordinal);
            }

            read.UnionWith(keys);
        }
    }

    /// <summary>A check was evaluated once; <paramref name="fired"/> says whether its condition held.</summary>
    internal void Evaluated(Check check, bool fired)
    {
        var counts = _checks.GetValueOrDefault(check);
        _checks[check] = new CheckCounts(counts.Evaluated + 1, counts.Fired + (fired ? 1 : 0));
    }

    /// <summary>A ladder step coded a line.</summary>
    internal void Coded(LadderStep step) => _steps[step] = _steps.GetValueOrDefault(step) + 1;

    void ITableReadRecorder.ReadRows(IDataTable table, IValueList rows, int count)
    {
        if (!_rows.TryGetValue(table, out var read))
        {
            _rows[table] = read = new HashSet<TableRow>(ReferenceEqualityComparer.Instance);
        }

        for (var i = 0; i < count; i++)
        {
            if (rows[i].AsObject is TableRow row)
            {
                read.Add(row);
            }
        }
    }

    void ITableReadRecorder.ReadLookup(IReadOnlyDictionary<string, Value> table, string key)
    {
        if (!_lookups.TryGetValue(table, out var read))
        {
            _lookups[table] = read = new HashSet<string>(StringComparer.Ordinal);
        }

        read.Add(key);
    }
}

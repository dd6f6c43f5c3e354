using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Loading;
using CodingRules.Model;
using Microsoft.Extensions.Logging;

namespace CodingRules.Cli.Service;

/// <summary>A loaded catalog as the service serves it: the rules, the revision that names them, when they were loaded.</summary>
internal sealed record CatalogSnapshot(RuleCatalog Catalog, string Revision, DateTimeOffset LoadedAt)
{
    private readonly ConcurrentDictionary<RuleSet, RuleCatalog> _withVersion = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The catalog with one of its versions in force on every date in place of its rule set's versions
    /// (<see cref="RuleCatalog.WithVersion"/>), made once per version asked for (at most one per loaded version).
    /// </summary>
    public RuleCatalog With(RuleSet version) => _withVersion.GetOrAdd(version, Catalog.WithVersion);
}

/// <summary>A load that had errors: when, and its diagnostics (the catalog before it stayed in force).</summary>
internal sealed record FailedLoad(DateTimeOffset At, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// Holds the catalog the service evaluates with and reloads it when the rules folder changes: a new catalog is loaded
/// in the background and swapped in, as one reference, only when its load has no errors; otherwise the last good one
/// stays in force and the failed load is kept for <c>/v1/status</c>. A request reads <see cref="Current"/> once and
/// uses that snapshot throughout, so it never sees two catalogs.
/// </summary>
/// <remarks>
/// Reloads: changes are gathered for <see cref="Quiet"/> after the last one (an editor's save, a checkout), then one
/// load runs; changes during a load start another after it. One load at a time; its cost is that of
/// <c>codingrules validate</c> without the tests.
/// </remarks>
internal sealed class CatalogHolder : IDisposable
{
    /// <summary>How long the folder must be quiet before a reload.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private readonly string _rules;
    private readonly string _given;
    private readonly Lock _loading = new();
    private readonly Timer _timer;
    private FileSystemWatcher? _watcher;
    private string? _watchedTarget;
    private Timer? _poll;
    private string? _seen;
    private CatalogSnapshot? _current;
    private FailedLoad? _lastFailure;
    private ILogger? _logger;
    private int _reloads;
    private int _failedReloads;

    public CatalogHolder(string rules)
    {
        _rules = Path.GetFullPath(rules);
        _given = rules;
        _timer = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>The rules folder watched.</summary>
    public string Rules => _rules;

    /// <summary>The catalog in force; null until a load without errors.</summary>
    public CatalogSnapshot? Current => Volatile.Read(ref _current);

    /// <summary>The last load that had errors, when it came after the catalog in force (null once a later load succeeds).</summary>
    public FailedLoad? LastFailure => Volatile.Read(ref _lastFailure);

    /// <summary>Loads after the first that were swapped in.</summary>
    public int Reloads => Volatile.Read(ref _reloads);

    /// <summary>Loads that had errors.</summary>
    public int FailedReloads => Volatile.Read(ref _failedReloads);

    /// <summary>The revision of a catalog: the first 16 hex digits of a SHA-256 over each version's id, version and content hash.</summary>
    public static string RevisionOf(RuleCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var text = string.Join("\n", catalog.RuleSets.Select(r => $"{r.Id}@{r.Version} {r.Sha256}").Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>Loads the rules now; true when the load had no errors and is in force.</summary>
    public bool Load()
    {
        lock (_loading)
        {
            // Note: loaded by the path as given, so that results name files as the CLI given the same --rules does
            // (a finding's definedIn, a trace's file), not by where the server's folder lies.
            var (catalog, diagnostics) = RuleCatalog.Load([_given], includeTests: false, SchemaCheckCache.FromEnvironment());
            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
            if (!errors.IsEmpty)
            {
                Interlocked.Increment(ref _failedReloads);
                Volatile.Write(ref _lastFailure, new FailedLoad(DateTimeOffset.UtcNow, diagnostics));
                _logger?.LogError(
                    "The rules in {Rules} have {Errors} error(s), the first {First}; the catalog {Revision} stays in force (GET /v1/status lists them)",
                    _given,
                    errors.Length,
                    $"{errors[0].Location.Path}:{errors[0].Location.Line}:{errors[0].Location.Column}: {errors[0].Id} {errors[0].Message}",
                    _current?.Revision);
                return false;
            }

            if (_current is not null)
            {
                Interlocked.Increment(ref _reloads);
            }

            var snapshot = new CatalogSnapshot(catalog, RevisionOf(catalog), DateTimeOffset.UtcNow);
            _logger?.LogInformation("Catalog {Revision} in force ({RuleSets} rule set versions from {Rules}), after {Previous}", snapshot.Revision, catalog.RuleSets.Length, _given, _current?.Revision);
            Volatile.Write(ref _current, snapshot);
            Volatile.Write(ref _lastFailure, null);
            return true;
        }
    }

    /// <summary>Where loads are reported (set once the host is built): each catalog swapped in, each load with errors.</summary>
    public void UseLogger(ILogger logger) => _logger = logger;

    /// <summary>Starts watching the rules folder; each change schedules a reload once the folder is quiet.</summary>
    public void Watch()
    {
        _watchedTarget = Target();
        var watcher = new FileSystemWatcher(_rules)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Changed += (_, _) => Schedule();
        watcher.Created += (_, _) => Schedule();
        watcher.Deleted += (_, _) => Schedule();
        watcher.Renamed += (_, _) => Schedule();
        watcher.Error += (_, _) => Schedule(); // Note: a lost event (buffer overflow) reloads too.
        watcher.EnableRaisingEvents = true;
        _watcher = watcher;
    }

    /// <summary>
    /// Also looks at the folder every <paramref name="interval"/>, for changes that raise no file event: a network
    /// share changed from another machine, or the folder swapped through a link (the link's new target is then watched
    /// too). A look lists the folder's files with their sizes and times (no file is read), so it costs what a
    /// directory listing of the rules costs; a difference schedules a reload as an event does.
    /// </summary>
    public void Poll(TimeSpan interval)
    {
        _seen = Fingerprint();
        _poll = new Timer(_ => Look(), null, interval, interval);
    }

    public void Dispose()
    {
        _poll?.Dispose();
        _watcher?.Dispose();
        _timer.Dispose();
    }

    private void Look()
    {
        try
        {
            var now = Fingerprint();
            if (now == _seen)
            {
                return;
            }

            _seen = now;
            if (_watcher is not null && Target() != _watchedTarget)
            {
                // Note: the folder now resolves elsewhere (a link swapped): watch where it points now.
                lock (_loading)
                {
                    _watcher.Dispose();
                    Watch();
                }
            }

            Schedule();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Schedule(); // Note: a folder that cannot be listed now is tried by a load, which reports why.
        }
    }

    /// <summary>Where the rules folder resolves (its link followed, when it is one).</summary>
    private string Target()
    {
        var info = new DirectoryInfo(_rules);
        return info.LinkTarget is null ? info.FullName : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
    }

    /// <summary>The folder's target and every file under it with its size and last write time, hashed.</summary>
    private string Fingerprint()
    {
        var text = new StringBuilder(Target()).Append('\n');
        foreach (var file in new DirectoryInfo(_rules).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 })
            .OrderBy(f => f.FullName, StringComparer.Ordinal))
        {
            text.Append(file.FullName).Append(' ').Append(file.Length).Append(' ').Append(file.LastWriteTimeUtc.Ticks).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private void Schedule() => _timer.Change(Quiet, Timeout.InfiniteTimeSpan);

    private void Reload()
    {
        try
        {
            Load();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Note: a folder that cannot be read now (being replaced) is a failed load; the last good catalog stays.
            Interlocked.Increment(ref _failedReloads);
            Volatile.Write(ref _lastFailure, new FailedLoad(DateTimeOffset.UtcNow, [Diagnostic.Create(DiagnosticDescriptors.CR1002_FileUnreadable, Text.SourceLocation.Start(_rules), e.Message)]));
        }
    }
}

using CodingRules.Results;
using Prometheus;

namespace CodingRules.Cli.Service;

/// <summary>
/// The service's Prometheus metrics (prometheus-net), served at <c>/metrics</c> with its HTTP metrics (requests and
/// latency histograms by endpoint and status) and the process's: encounters evaluated by outcome, findings by id and
/// severity, reloads and failed reloads, and the catalog in force. Label values come from the rules (finding ids and
/// severities), never from the input, so their number is bounded by the rules loaded.
/// </summary>
internal sealed class ServiceMetrics
{
    private readonly Counter _encounters = Metrics.CreateCounter("codingrules_encounters_total", "Encounters evaluated, by outcome (coded, or invalid: an error result).", "outcome");
    private readonly Counter _findings = Metrics.CreateCounter("codingrules_findings_total", "Findings raised, by finding id and severity.", "id", "severity");
    private readonly Counter _reloads = Metrics.CreateCounter("codingrules_reloads_total", "Catalogs loaded after the first and swapped in.");
    private readonly Counter _failedReloads = Metrics.CreateCounter("codingrules_reload_failures_total", "Loads that had errors (the catalog before them stayed in force).");
    private readonly Gauge _ruleSets = Metrics.CreateGauge("codingrules_catalog_rule_sets", "Rule set versions in the catalog in force.");
    private readonly Gauge _loadedAt = Metrics.CreateGauge("codingrules_catalog_loaded_timestamp_seconds", "When the catalog in force was loaded (Unix time).");
    private readonly Gauge _revision = Metrics.CreateGauge("codingrules_catalog_revision_info", "1 for the revision of the catalog in force.", "revision");
    private string? _shownRevision;

    public ServiceMetrics(CatalogHolder holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        Metrics.DefaultRegistry.AddBeforeCollectCallback(() => Refresh(holder));
    }

    /// <summary>Counts one result (thread-safe: called from the workers of a batch).</summary>
    public void Observe(EvaluationResult result)
    {
        _encounters.WithLabels(result.IsError ? "invalid" : "coded").Inc();
        foreach (var finding in result.Findings.IsDefault ? [] : result.Findings)
        {
            _findings.WithLabels(finding.Id, finding.Severity.ToString().ToLowerInvariant()).Inc();
        }
    }

    private void Refresh(CatalogHolder holder)
    {
        _reloads.IncTo(holder.Reloads);
        _failedReloads.IncTo(holder.FailedReloads);
        if (holder.Current is not { } current)
        {
            return;
        }

        _ruleSets.Set(current.Catalog.RuleSets.Length);
        _loadedAt.Set(current.LoadedAt.ToUnixTimeMilliseconds() / 1000.0);
        lock (_revision)
        {
            if (_shownRevision != current.Revision)
            {
                if (_shownRevision is not null)
                {
                    _revision.RemoveLabelled(_shownRevision);
                }

                _revision.WithLabels(current.Revision).Set(1);
                _shownRevision = current.Revision;
            }
        }
    }
}

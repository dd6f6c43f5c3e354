using CodingRules.Diagnostics;

namespace CodingRules.Loading;

/// <summary>
/// The properties a rule set needs, checked where JSON Schema cannot say it: a rule file names its version; once
/// composed (a file that extends a base inherits its kind, summary, period...), a rule set has a kind, a summary and
/// an effective period, coding and policy rule sets name the procedure kinds they handle, policies their payers.
/// </summary>
// Note: JSON Schema could say part of this with if/then, but its messages for failed conditionals are vague, and
// what a file inherits is only known after composition; said here, as CR1003, like a missing property.
public static class KindRequirements
{
    /// <summary>What every rule file needs on its own.</summary>
    public static void CheckFile(DocMapping root, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (root["ruleSet"] is not null && root["version"] is null)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR1003_MissingProperty, root.Span, "version"));
        }

        // A rule set that builds on nothing is its own composition: what it needs, it must say itself.
        if (root["ruleSet"] is not null && root["extends"] is null)
        {
            CheckComposed(root, diagnostics);
        }
    }

    /// <summary>What a composed rule set needs (reported at the rule set's own file).</summary>
    public static void CheckComposed(DocMapping composed, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(composed);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var template = composed["template"] is DocScalar { Value: "true" };
        foreach (var required in template ? ["kind", "summary"] : new[] { "kind", "summary", "effective" })
        {
            if (composed[required] is null)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR1003_MissingProperty, composed.Span, required));
            }
        }

        var kind = (composed["kind"] as DocScalar)?.Value;
        if (kind is "coding" or "policy" && composed["handles"] is null)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR1003_MissingProperty, composed.Span, "handles"));
        }

        // A template's payers are its extensions' own.
        if (kind == "policy" && composed["payers"] is null && !template)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR1003_MissingProperty, composed.Span, "payers"));
        }
    }
}

using CodingRules.Diagnostics;

namespace CodingRules.Loading;

/// <summary>
/// The properties a rule file needs because of its kind: coding and policy rule sets name the procedure kinds they
/// handle, policies the payers they apply to.
/// </summary>
// Note: JSON Schema could say this with if/then, but its messages for failed conditionals are vague; said here, as
// CR1003 at the document, like a missing property the schema reports.
public static class KindRequirements
{
    /// <summary>Reports CR1003 for each property the document's kind requires and the document lacks.</summary>
    public static void Check(DocMapping root, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var kind = (root["kind"] as DocScalar)?.Value;
        if (kind is "coding" or "policy" && root["handles"] is null)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR1003_MissingProperty, root.Span, "handles"));
        }

        if (kind == "policy" && root["payers"] is null)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR1003_MissingProperty, root.Span, "payers"));
        }
    }
}

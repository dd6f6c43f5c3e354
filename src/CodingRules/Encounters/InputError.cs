using CodingRules.Diagnostics;

namespace CodingRules.Encounters;

/// <summary>
/// A problem with one input record: the JSON pointer of the offending value (e.g.
/// <c>/procedures/0/joints/1/level</c>), the diagnostic descriptor (a CR5xxx id) and the formatted message.
/// </summary>
public sealed record InputError(string Path, DiagnosticDescriptor Descriptor, string Message)
{
    /// <summary>The stable id, e.g. <c>CR5002</c>.</summary>
    public string Id => Descriptor.Id;
}

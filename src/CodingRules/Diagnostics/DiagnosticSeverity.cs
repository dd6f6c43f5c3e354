namespace CodingRules.Diagnostics;

/// <summary>How serious a diagnostic is. Only <see cref="Error"/> makes a rule file unusable.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Informational; nothing to fix.</summary>
    Info,

    /// <summary>Probably a mistake; the file still loads.</summary>
    Warning,

    /// <summary>The file cannot be used until this is fixed.</summary>
    Error,
}

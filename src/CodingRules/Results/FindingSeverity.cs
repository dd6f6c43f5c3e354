namespace CodingRules.Results;

/// <summary>Severity of a finding, as written in the rule file.</summary>
public enum FindingSeverity
{
    /// <summary>For information.</summary>
    Info,

    /// <summary>Needs a look; the lines stand.</summary>
    Warning,

    /// <summary>The procedure cannot be coded as documented.</summary>
    Error,
}

namespace CodingRules.Cli;

/// <summary>Exit codes shared by all verbs.</summary>
internal static class ExitCodes
{
    /// <summary>Success: rules valid, all records evaluated, all tests passed.</summary>
    public const int Ok = 0;

    /// <summary>Diagnostics with errors, an invalid input record, or a failed test.</summary>
    public const int Problems = 1;

    /// <summary>Usage error: bad arguments, missing files, or rules that do not load.</summary>
    public const int Usage = 2;
}

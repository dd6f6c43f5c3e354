namespace CodingRules.Testing;

/// <summary>What a coverage item is: a part of a rule set that a test case can exercise.</summary>
public enum CoverageKind
{
    /// <summary>A check; covered when it fired at least once (a check that is evaluated but never fires is the gap that matters most).</summary>
    Check,

    /// <summary>A step of a family's ladder (the primary code or an add-on); covered when it coded a line.</summary>
    LadderStep,

    /// <summary>A family; covered when it coded a line.</summary>
    Family,

    /// <summary>A finding id a rule set's checks can raise; covered when one of them fired.</summary>
    Finding,

    /// <summary>A key of a look-up table written in a rule file; covered when a <c>lookup</c> found it.</summary>
    LookupRow,
}

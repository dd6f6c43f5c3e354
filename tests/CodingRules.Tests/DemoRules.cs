namespace CodingRules.Tests;

/// <summary>Small rule texts that tests of loading and file handling share.</summary>
internal static class DemoRules
{
    /// <summary>A policy of one check for one payer and one kind: a valid rule file of a few lines.</summary>
    public const string Policy = """
        ruleSet: demo-policy
        version: "1"
        kind: policy
        summary: A policy of one check.
        payers: [demo-payer]
        handles: [demo-procedure]
        effective: { from: 2020-01-01 }
        checks:
          - id: no-joints
            finding: C-NONE
            severity: warning
            category: coverage
            when: count(procedure.joints) == 0
            message: No joint is documented.

        """;
}

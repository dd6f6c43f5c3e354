namespace CodingRules.Tests.Language;

/// <summary>
/// The canonical form of a condition: the rewrites documented in docs/authoring.md ("When two conditions are the
/// same") give one form; anything that can change a result gives another.
/// </summary>
public sealed class CanonicalFormTests
{
    [Theory]
    [InlineData("procedure.kind == \"a\" and count(procedure.joints) > 1", "count(procedure.joints) > 1 and procedure.kind == \"a\"")]
    [InlineData("procedure.kind == \"a\" and count(procedure.joints) > 1", "((procedure.kind == 'a')) and (count(procedure.joints) > 1)")]
    [InlineData("(has(procedure.imaging) and procedure.kind == \"a\") and count(procedure.joints) > 1", "has(procedure.imaging) and (count(procedure.joints) > 1 and procedure.kind == \"a\")")]
    [InlineData("procedure.kind == \"a\" or procedure.kind == \"b\"", "procedure.kind == \"b\" or procedure.kind == \"a\"")]
    [InlineData("procedure.kind == \"a\"", "\"a\" == procedure.kind")]
    [InlineData("count(procedure.joints) > 1", "1 < count(procedure.joints)")]
    [InlineData("count(procedure.joints) >= 1", "1 <= count(procedure.joints)")]
    [InlineData("not (count(procedure.joints) < 2)", "count(procedure.joints) >= 2")]
    [InlineData("not (count(procedure.joints) <= 2)", "count(procedure.joints) > 2")]
    [InlineData("not (procedure.kind == \"a\")", "procedure.kind != \"a\"")]
    [InlineData("not (procedure.kind in [\"a\", \"b\"])", "procedure.kind not in [\"a\", \"b\"]")]
    [InlineData("not not has(procedure.imaging)", "has(procedure.imaging)")]
    [InlineData("not (has(procedure.imaging) and procedure.kind == \"a\")", "not has(procedure.imaging) or procedure.kind != \"a\"")]
    [InlineData("not (has(procedure.imaging) or procedure.kind == \"a\")", "not has(procedure.imaging) and procedure.kind != \"a\"")]
    [InlineData("encounter.dateOfService - months(12) < date(\"2024-01-01\")", "encounter.dateOfService - years(1) < date(\"2024-01-01\")")]
    [InlineData("count(procedure.joints) > 2 * 2", "count(procedure.joints) > 4")]
    [InlineData("any(encounter.history, h => h.kind == \"a\")", "any(encounter.history, x => x.kind == \"a\")")]
    [InlineData("any(procedure.joints, j => any(encounter.history, h => any(h.joints, k => k.level == j.level)))",
        "any(procedure.joints, a => any(encounter.history, b => any(b.joints, c => a.level == c.level)))")]
    public void RewritesThatKeepTheMeaningGiveOneForm(string a, string b) =>
        Assert.Equal(Canonical(a), Canonical(b));

    [Theory]
    [InlineData("count(procedure.joints) > 1", "count(procedure.joints) >= 1")]
    [InlineData("count(procedure.joints) > 1", "1 > count(procedure.joints)")]
    [InlineData("has(procedure.imaging) and procedure.kind == \"a\"", "has(procedure.imaging) or procedure.kind == \"a\"")]
    [InlineData("count(procedure.joints) - 1 > 0", "1 - count(procedure.joints) > 0")]
    [InlineData("procedure.kind in [\"a\"]", "procedure.kind in [\"b\"]")]
    [InlineData("procedure.kind == \"a\"", "procedure.kind == \"A\"")]
    [InlineData("any(encounter.history, h => h.kind == \"a\")", "all(encounter.history, h => h.kind == \"a\")")]
    [InlineData("any(procedure.joints, j => any(procedure.joints, k => j.level == k.side))", "any(procedure.joints, j => any(procedure.joints, k => k.level == j.side))")]
    [InlineData("(procedure.temperatureCelsius ?? 0) > 1", "(procedure.temperatureCelsius ?? 1) > 1")]
    public void RewritesThatCanChangeAResultGiveAnotherForm(string a, string b) =>
        Assert.NotEqual(Canonical(a), Canonical(b));

    private static string Canonical(string text) => LanguageFacts.Compile(text).CanonicalForm;
}

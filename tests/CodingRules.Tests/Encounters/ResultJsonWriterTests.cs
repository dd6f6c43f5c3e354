using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using CodingRules.Diagnostics;
using CodingRules.Encounters;
using CodingRules.Results;

namespace CodingRules.Tests.Encounters;

public sealed class ResultJsonWriterTests
{
    internal static EvaluationResult SampleCoding() => new(
        "E-1001",
        new DateOnly(2024, 9, 8),
        [new RuleSetUse("facet-rules", "2012-01", "ab12")],
        [new CodedLine("C1", ["50"], 1, ["L4-L5"], "lumbar"), new CodedLine("C2", [], 1, ["L5-S1"], "lumbar")],
        [
            new Finding("F-1", FindingSeverity.Warning, "documentation", "Check it.", "facet-rules", "2012-01", "check-1", "SRC-1"),
            new Finding("F-2", FindingSeverity.Info, "note", "Fine.", "facet-rules", "2012-01", "check-2", null),
        ],
        []);

    internal static EvaluationResult SampleError() => EvaluationResult.Invalid(
        "E-7",
        [
            new InputError("/dateOfService", DiagnosticDescriptors.CR5002_MissingField, "Required field 'dateOfService' is missing"),
            new InputError("/procedures/0/joints/1/side", DiagnosticDescriptors.CR5004_ValueNotAllowed, "Value 'up' is not allowed"),
        ]);

    internal static string ToJson(EvaluationResult result)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            ResultJsonWriter.Write(writer, result);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    // Expected JSON is written with single quotes for readability.
    private static string Json(string text) => text.Replace('\'', '"');

    [Fact]
    public void ACodingResultIsWrittenInTheContractOrderWithoutANullSource()
    {
        Assert.Equal(
            Json("{'encounterId':'E-1001','dateOfService':'2024-09-08','ruleSets':[{'id':'facet-rules','version':'2012-01','sha256':'ab12'}],"
                + "'lines':[{'code':'C1','modifiers':['50'],'units':1,'joints':['L4-L5'],'rule':'lumbar'},{'code':'C2','modifiers':[],'units':1,'joints':['L5-S1'],'rule':'lumbar'}],"
                + "'findings':[{'id':'F-1','severity':'warning','category':'documentation','message':'Check it.','ruleSet':'facet-rules','version':'2012-01','rule':'check-1','source':'SRC-1'},"
                + "{'id':'F-2','severity':'info','category':'note','message':'Fine.','ruleSet':'facet-rules','version':'2012-01','rule':'check-2'}]}"),
            ToJson(SampleCoding()));
    }

    [Fact]
    public void AnErrorResultIsWrittenWithPathIdAndMessage()
    {
        Assert.Equal(
            Json("{'encounterId':'E-7','errors':[{'path':'/dateOfService','id':'CR5002','message':'Required field \\u0027dateOfService\\u0027 is missing'},"
                + "{'path':'/procedures/0/joints/1/side','id':'CR5004','message':'Value \\u0027up\\u0027 is not allowed'}]}"),
            ToJson(SampleError()));
    }

    [Fact]
    public void AnErrorResultWithoutAnIdWritesNull()
    {
        var result = EvaluationResult.Invalid(null, [new InputError("", DiagnosticDescriptors.CR5001_InvalidJson, "bad")]);

        Assert.Equal("""{"encounterId":null,"errors":[{"path":"","id":"CR5001","message":"bad"}]}""", ToJson(result));
    }

    [Fact]
    public void UninitialisedArraysAreWrittenAsEmpty()
    {
        var result = new EvaluationResult("E-1", new DateOnly(2024, 1, 2), default, [new CodedLine("C", default, 2, default, "r")], default, default);

        Assert.Equal(
            """{"encounterId":"E-1","dateOfService":"2024-01-02","ruleSets":[],"lines":[{"code":"C","modifiers":[],"units":2,"joints":[],"rule":"r"}],"findings":[]}""",
            ToJson(result));
    }

    [Fact]
    public void TheSameResultAlwaysGivesTheSameBytes()
    {
        Assert.Equal(ToJson(SampleCoding()), ToJson(SampleCoding() with { Findings = ImmutableArray.Create(SampleCoding().Findings.ToArray()) }));
    }
}

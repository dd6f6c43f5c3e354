using System.Text;
using CodingRules.Encounters;

namespace CodingRules.Tests.Encounters;

public sealed class EncounterReaderTests
{
    private const string FullExample = """
        { "id": "E-1001", "dateOfService": "2024-09-18", "payer": "medicare-noridian-jf", "placeOfService": "11",
          "diagnoses": ["M47.816", "M47.817"],
          "procedures": [ { "kind": "facet-joint-destruction", "technique": "radiofrequency",
              "temperatureCelsius": 80.5, "imaging": "fluoroscopy", "purpose": "therapeutic", "side": "bilateral",
              "joints": [ { "level": "L4-5", "side": "bilateral" }, { "level": "L5-S1", "side": "left" } ],
              "nerves": [ { "nerve": "L3 MB", "side": "right" }, { "nerve": "l5  dorsal ramus", "side": "bilateral" } ] },
            { "kind": "other-kind" } ],
          "history": [ { "date": "2024-03-04", "kind": "facet-joint-injection", "purpose": "diagnostic",
              "technique": "other", "joints": [ { "level": "l4-5", "side": "left" } ],
              "nerves": [ { "nerve": "L3 MB", "side": "left" } ], "reliefPercent": 85.5, "reliefDurationMonths": 0.5 },
            { "date": "2023-02-28", "kind": "facet-joint-destruction" } ],
          "priorAuthorization": { "status": "affirmed" },
          "billed": [ { "code": "64635", "modifiers": ["50"], "units": 1 }, { "code": "64636", "units": 2 } ] }
        """;

    internal static EncounterReadResult Read(string json) => EncounterReader.Read(Encoding.UTF8.GetBytes(json));

    // Single quotes keep the cases below readable; no case needs a literal single quote.
    private static string Json(string text) => text.Replace('\'', '"');

    private static string WithProcedure(string procedure) =>
        Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[" + procedure + "]}");

    private static string WithJoint(string joint) => WithProcedure("{'kind':'k','joints':[" + Json(joint) + "]}");

    // The nerve under test is the second item, after a valid one, so that paths show the item index.
    private static string WithNerve(string nerve) =>
        WithProcedure("{'kind':'k','nerves':[{'nerve':'L3 MB','side':'left'}," + Json(nerve) + "]}");

    private static string NervesOfProcedure(int count) =>
        WithProcedure("{'kind':'k','nerves':[" + string.Join(',', Enumerable.Repeat("{'nerve':'L4 medial branch','side':'left'}", count)) + "]}");

    // The entry under test is the second item, after a valid one, so that paths show the item index.
    private static string WithHistoryEntry(string entry) =>
        Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'history':[{'date':'2024-01-02','kind':'k'}," + entry + "]}");

    private static string WithHistoryFields(string fields) => WithHistoryEntry("{'date':'2024-03-04','kind':'k'," + fields + "}");

    private static string HistoryOf(int count) =>
        Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'history':["
            + string.Join(',', Enumerable.Repeat("{'date':'2024-03-04','kind':'k','joints':[{'level':'L4-L5','side':'left'}]}", count)) + "]}");

    private static string WithPriorAuthorization(string value) =>
        Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'priorAuthorization':" + value + "}");

    private static (string Id, string Path)[] IdsAndPaths(EncounterReadResult result) =>
        [.. result.Errors.Select(e => (e.Id, e.Path))];

    [Theory]
    [InlineData("'facility'", "facility")]
    [InlineData("'professional'", "professional")]
    [InlineData("null", null)]
    public void TheClaimTypeIsReadWhenGiven(string value, string? expected)
    {
        var result = Read(Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'claimType':" + value + "}"));

        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.Encounter!.ClaimType);
    }

    [Fact]
    public void AClaimTypeOutsideTheContractIsAnErrorAtItsPath()
    {
        var result = Read(Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'claimType':'institutional'}"));

        Assert.Equal([("CR5004", "/claimType")], IdsAndPaths(result));
        Assert.Contains("expected one of professional, facility", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FullExampleReadsEveryField()
    {
        var result = Read(FullExample);

        Assert.Empty(result.Errors);
        var encounter = Assert.IsType<Encounter>(result.Encounter);
        Assert.Equal("E-1001", result.EncounterId);
        Assert.Equal("E-1001", encounter.Id);
        Assert.Equal(new DateOnly(2024, 9, 18), encounter.DateOfService);
        Assert.Equal("medicare-noridian-jf", encounter.Payer);
        Assert.Equal("11", encounter.PlaceOfService);
        Assert.Equal(["M47.816", "M47.817"], encounter.Diagnoses.AsEnumerable());
        Assert.Equal(2, encounter.Procedures.Length);

        var procedure = encounter.Procedures[0];
        Assert.Equal("facet-joint-destruction", procedure.Kind);
        Assert.Equal("radiofrequency", procedure.Technique);
        Assert.Equal(80.5, procedure.TemperatureCelsius);
        Assert.Equal("fluoroscopy", procedure.Imaging);
        Assert.Equal("therapeutic", procedure.Purpose);
        Assert.Equal(Side.Bilateral, procedure.Side);
        Assert.Equal([new JointTarget("L4-L5", Side.Bilateral), new JointTarget("L5-S1", Side.Left)], procedure.Joints.AsEnumerable());
        Assert.Equal([new NerveTarget("L3 medial branch", Side.Right), new NerveTarget("L5 dorsal ramus", Side.Bilateral)], procedure.Nerves.AsEnumerable());

        // Note: records holding ImmutableArrays compare the arrays by reference, so they are compared field by field.
        var bare = encounter.Procedures[1];
        Assert.Equal(("other-kind", null, null, null, null, null), (bare.Kind, bare.Technique, bare.TemperatureCelsius, bare.Imaging, bare.Purpose, bare.Side));
        Assert.Empty(bare.Joints);
        Assert.Empty(bare.Nerves);

        Assert.Equal(2, encounter.Billed.Length);
        Assert.Equal("64635", encounter.Billed[0].Code);
        Assert.Equal(["50"], encounter.Billed[0].Modifiers.AsEnumerable());
        Assert.Equal(1, encounter.Billed[0].Units);
        Assert.Equal("64636", encounter.Billed[1].Code);
        Assert.Empty(encounter.Billed[1].Modifiers);
        Assert.Equal(2, encounter.Billed[1].Units);

        Assert.Equal("affirmed", encounter.PriorAuthorization);
        Assert.Equal(2, encounter.History.Length);
        var earlier = encounter.History[0];
        Assert.Equal(
            (new DateOnly(2024, 3, 4), "facet-joint-injection", "diagnostic", "other", 85.5, 0.5),
            (earlier.Date, earlier.Kind, earlier.Purpose, earlier.Technique, earlier.ReliefPercent, earlier.ReliefDurationMonths));
        Assert.Equal([new JointTarget("L4-L5", Side.Left)], earlier.Joints.AsEnumerable());
        Assert.Equal([new NerveTarget("L3 medial branch", Side.Left)], earlier.Nerves.AsEnumerable());
        var bareEarlier = encounter.History[1];
        Assert.Equal(
            (new DateOnly(2023, 2, 28), "facet-joint-destruction", null, null, null, null),
            (bareEarlier.Date, bareEarlier.Kind, bareEarlier.Purpose, bareEarlier.Technique, bareEarlier.ReliefPercent, bareEarlier.ReliefDurationMonths));
        Assert.Empty(bareEarlier.Joints);
        Assert.False(bareEarlier.Joints.IsDefault);
        Assert.Empty(bareEarlier.Nerves);
        Assert.False(bareEarlier.Nerves.IsDefault);
    }

    [Fact]
    public void AbsentOptionalFieldsTakeTheirDefaults()
    {
        var encounter = Read(Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[{'kind':'k'}],'billed':[{'code':'C'}]}")).Encounter!;

        Assert.Null(encounter.Payer);
        Assert.Null(encounter.PlaceOfService);
        Assert.Empty(encounter.Diagnoses);
        Assert.False(encounter.Diagnoses.IsDefault);
        Assert.Empty(encounter.Procedures[0].Joints);
        Assert.False(encounter.Procedures[0].Joints.IsDefault);
        Assert.Empty(encounter.Procedures[0].Nerves);
        Assert.False(encounter.Procedures[0].Nerves.IsDefault);
        Assert.Null(encounter.Procedures[0].Technique);
        Assert.Null(encounter.Procedures[0].TemperatureCelsius);
        Assert.Empty(encounter.Billed[0].Modifiers);
        Assert.Equal(1, encounter.Billed[0].Units);
        Assert.Empty(encounter.History);
        Assert.False(encounter.History.IsDefault);
        Assert.Null(encounter.PriorAuthorization);
    }

    [Fact]
    public void NullOptionalFieldsAreTheSameAsAbsent()
    {
        var result = Read(Json("""
            {'id':'E-1','dateOfService':'2024-09-18','payer':null,'placeOfService':null,'diagnoses':null,'history':null,'billed':null,
             'priorAuthorization':null,
             'procedures':[{'kind':'k','technique':null,'temperatureCelsius':null,'imaging':null,'purpose':null,'side':null,'joints':null,'nerves':null}]}
            """));

        Assert.Empty(result.Errors);
        var encounter = result.Encounter!;
        Assert.Equal((null, null), (encounter.Payer, encounter.PlaceOfService));
        Assert.Empty(encounter.Diagnoses);
        Assert.Empty(encounter.Billed);
        Assert.Empty(encounter.History);
        Assert.Null(encounter.PriorAuthorization);
        var procedure = Assert.Single(encounter.Procedures);
        Assert.Equal(("k", null, null, null, null, null), (procedure.Kind, procedure.Technique, procedure.TemperatureCelsius, procedure.Imaging, procedure.Purpose, procedure.Side));
        Assert.Empty(procedure.Joints);
        Assert.Empty(procedure.Nerves);
        Assert.False(procedure.Nerves.IsDefault);
    }

    [Fact]
    public void AProcedureMayNameNervesWithoutJoints()
    {
        var result = Read(WithProcedure("{'kind':'k','nerves':[{'nerve':'Third occipital nerve','side':'left'}]}"));

        Assert.Empty(result.Errors);
        var procedure = Assert.Single(result.Encounter!.Procedures);
        Assert.Empty(procedure.Joints);
        Assert.Equal([new NerveTarget("third occipital nerve", Side.Left)], procedure.Nerves.AsEnumerable());
    }

    [Fact]
    public void OneThousandNervesAreAccepted()
    {
        var result = Read(NervesOfProcedure(EncounterContract.MaxNerves));

        Assert.Empty(result.Errors);
        Assert.Equal(EncounterContract.MaxNerves, result.Encounter!.Procedures[0].Nerves.Length);
    }

    [Fact]
    public void FiveHundredHistoryEntriesAreAccepted()
    {
        var result = Read(HistoryOf(EncounterContract.MaxHistoryEntries));

        Assert.Empty(result.Errors);
        Assert.Equal(EncounterContract.MaxHistoryEntries, result.Encounter!.History.Length);
        Assert.All(result.Encounter.History, h => Assert.Equal([new JointTarget("L4-L5", Side.Left)], h.Joints.AsEnumerable()));
    }

    [Fact]
    public void FiveHundredAndOneHistoryEntriesAreOverTheLimitOnce()
    {
        var result = Read(HistoryOf(EncounterContract.MaxHistoryEntries + 1));

        Assert.Null(result.Encounter);
        Assert.Equal([("CR5007", "/history")], IdsAndPaths(result));
    }

    [Theory]
    [InlineData("affirmed")]
    [InlineData("non-affirmed")]
    [InlineData("none")]
    public void EachPriorAuthorizationStatusIsRead(string status)
    {
        var result = Read(WithPriorAuthorization("{'status':'" + status + "'}"));

        Assert.Empty(result.Errors);
        Assert.Equal(status, result.Encounter!.PriorAuthorization);
    }

    [Fact]
    public void ReliefAtTheEndsOfItsRangesIsAccepted()
    {
        var result = Read(Json("""
            {'id':'E-1','dateOfService':'2024-09-18','procedures':[],'history':[
              {'date':'2024-01-02','kind':'k','reliefPercent':0,'reliefDurationMonths':0},
              {'date':'2024-01-02','kind':'k','reliefPercent':100,'reliefDurationMonths':1e6}]}
            """));

        Assert.Empty(result.Errors);
        var history = result.Encounter!.History;
        Assert.Equal([(0.0, 0.0), (100.0, 1e6)], history.Select(h => (h.ReliefPercent!.Value, h.ReliefDurationMonths!.Value)));
    }

    [Fact]
    public void ErrorsInSeveralHistoryEntriesAreAllReportedAtTheirPaths()
    {
        var result = Read(Json("""
            {'id':'E-1','dateOfService':'2024-09-18','procedures':[],'history':[
              {'date':'2024-01-02','kind':'k'},
              {'kind':'k','reliefPercent':101,'x':1},
              {'date':'2023-02-29','kind':'k','joints':[{'level':'L4-L5','side':'left'},{'level':'L5-S1','side':'up'}]}],
             'priorAuthorization':{'status':'yes'}}
            """));

        Assert.Equal(
            [
                ("CR5004", "/history/1/reliefPercent"),
                ("CR5005", "/history/1/x"),
                ("CR5002", "/history/1/date"),
                ("CR5006", "/history/2/date"),
                ("CR5004", "/history/2/joints/1/side"),
                ("CR5004", "/priorAuthorization/status"),
            ],
            IdsAndPaths(result));
    }

    [Fact]
    public void MissingDateOfServiceIsReportedAtItsPath()
    {
        var result = Read(Json("{'id':'E-1','procedures':[]}"));

        Assert.Null(result.Encounter);
        Assert.Equal([("CR5002", "/dateOfService")], IdsAndPaths(result));
    }

    public static TheoryData<string, string, string> Violations => new()
    {
        // CR5002 missing required field: reported at the pointer it would have.
        { Json("{'dateOfService':'2024-09-18','procedures':[]}"), "CR5002", "/id" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18'}"), "CR5002", "/procedures" },
        { WithProcedure("{'joints':[]}"), "CR5002", "/procedures/0/kind" },
        { WithJoint("{'side':'left'}"), "CR5002", "/procedures/0/joints/0/level" },
        { WithJoint("{'level':'L4-L5'}"), "CR5002", "/procedures/0/joints/0/side" },
        { WithNerve("{'side':'left'}"), "CR5002", "/procedures/0/nerves/1/nerve" },
        { WithNerve("{'nerve':'L3 MB'}"), "CR5002", "/procedures/0/nerves/1/side" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'billed':[{'units':1}]}"), "CR5002", "/billed/0/code" },
        { WithHistoryEntry("{'kind':'k'}"), "CR5002", "/history/1/date" },
        { WithHistoryEntry("{'date':'2024-03-04'}"), "CR5002", "/history/1/kind" },
        { WithHistoryFields("'joints':[{'level':'L4-L5'}]"), "CR5002", "/history/1/joints/0/side" },
        { WithHistoryFields("'nerves':[{'side':'left'}]"), "CR5002", "/history/1/nerves/0/nerve" },
        { WithPriorAuthorization("{}"), "CR5002", "/priorAuthorization/status" },

        // CR5003 wrong JSON type.
        { Json("{'id':1001,'dateOfService':'2024-09-18','procedures':[]}"), "CR5003", "/id" },
        { Json("{'id':null,'dateOfService':'2024-09-18','procedures':[]}"), "CR5003", "/id" },
        { Json("{'id':'E-1','dateOfService':20240918,'procedures':[]}"), "CR5003", "/dateOfService" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':{}}"), "CR5003", "/procedures" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':null}"), "CR5003", "/procedures" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':['k']}"), "CR5003", "/procedures/0" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'payer':true}"), "CR5003", "/payer" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'diagnoses':['A',1]}"), "CR5003", "/diagnoses/1" },
        { WithHistoryEntry("[]"), "CR5003", "/history/1" },
        { WithHistoryEntry("null"), "CR5003", "/history/1" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'history':{}}"), "CR5003", "/history" },
        { WithHistoryEntry("{'date':20240304,'kind':'k'}"), "CR5003", "/history/1/date" },
        { WithHistoryEntry("{'date':'2024-03-04','kind':null}"), "CR5003", "/history/1/kind" },
        { WithHistoryFields("'reliefPercent':'80'"), "CR5003", "/history/1/reliefPercent" },
        { WithHistoryFields("'reliefDurationMonths':true"), "CR5003", "/history/1/reliefDurationMonths" },
        { WithHistoryFields("'joints':{'level':'L4-L5','side':'left'}"), "CR5003", "/history/1/joints" },
        { WithHistoryFields("'nerves':['L3 MB']"), "CR5003", "/history/1/nerves/0" },
        { WithPriorAuthorization("'affirmed'"), "CR5003", "/priorAuthorization" },
        { WithPriorAuthorization("{'status':null}"), "CR5003", "/priorAuthorization/status" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'billed':[{'code':'C','modifiers':'50'}]}"), "CR5003", "/billed/0/modifiers" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'billed':[{'code':'C','units':1.5}]}"), "CR5003", "/billed/0/units" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'billed':[{'code':'C','units':'2'}]}"), "CR5003", "/billed/0/units" },
        { WithProcedure("{'kind':'k','temperatureCelsius':'80'}"), "CR5003", "/procedures/0/temperatureCelsius" },
        { WithProcedure("{'kind':'k','joints':['L4-L5']}"), "CR5003", "/procedures/0/joints/0" },
        { WithJoint("{'level':45,'side':'left'}"), "CR5003", "/procedures/0/joints/0/level" },
        { WithJoint("{'level':'L4-L5','side':null}"), "CR5003", "/procedures/0/joints/0/side" },
        { WithProcedure("{'kind':'k','nerves':2}"), "CR5003", "/procedures/0/nerves" },
        { WithProcedure("{'kind':'k','nerves':{'nerve':'L3 MB','side':'left'}}"), "CR5003", "/procedures/0/nerves" },
        { WithNerve("'L3 MB'"), "CR5003", "/procedures/0/nerves/1" },
        { WithNerve("null"), "CR5003", "/procedures/0/nerves/1" },
        { WithNerve("{'nerve':3,'side':'left'}"), "CR5003", "/procedures/0/nerves/1/nerve" },
        { WithNerve("{'nerve':null,'side':'left'}"), "CR5003", "/procedures/0/nerves/1/nerve" },
        { WithNerve("{'nerve':'L3 MB','side':null}"), "CR5003", "/procedures/0/nerves/1/side" },
        { WithNerve("{'nerve':'L3 MB','side':['left']}"), "CR5003", "/procedures/0/nerves/1/side" },

        // CR5004 value outside the allowed set.
        { WithProcedure("{'kind':'k','technique':'microwave'}"), "CR5004", "/procedures/0/technique" },
        { WithProcedure("{'kind':'k','imaging':'Fluoroscopy'}"), "CR5004", "/procedures/0/imaging" },
        { WithProcedure("{'kind':'k','purpose':'palliative'}"), "CR5004", "/procedures/0/purpose" },
        { WithProcedure("{'kind':'k','side':'both'}"), "CR5004", "/procedures/0/side" },
        { WithProcedure("{'kind':'k','temperatureCelsius':1e400}"), "CR5004", "/procedures/0/temperatureCelsius" },
        { WithJoint("{'level':'L4-L5','side':'middle'}"), "CR5004", "/procedures/0/joints/0/side" },
        { WithNerve("{'nerve':'L3 MB','side':'both'}"), "CR5004", "/procedures/0/nerves/1/side" },
        { WithNerve("{'nerve':'L3 MB','side':'Left'}"), "CR5004", "/procedures/0/nerves/1/side" },
        { WithHistoryFields("'purpose':'palliative'"), "CR5004", "/history/1/purpose" },
        { WithHistoryFields("'technique':'microwave'"), "CR5004", "/history/1/technique" },
        { WithHistoryFields("'reliefPercent':100.5"), "CR5004", "/history/1/reliefPercent" },
        { WithHistoryFields("'reliefPercent':-1"), "CR5004", "/history/1/reliefPercent" },
        { WithHistoryFields("'reliefPercent':1e400"), "CR5004", "/history/1/reliefPercent" },
        { WithHistoryFields("'reliefDurationMonths':-0.5"), "CR5004", "/history/1/reliefDurationMonths" },
        { WithHistoryFields("'reliefDurationMonths':1e400"), "CR5004", "/history/1/reliefDurationMonths" },
        { WithHistoryFields("'joints':[{'level':'L4-L5','side':'left'},{'level':'L5-S1','side':'middle'}]"), "CR5004", "/history/1/joints/1/side" },
        { WithHistoryFields("'nerves':[{'nerve':'L3 MB','side':'both'}]"), "CR5004", "/history/1/nerves/0/side" },
        { WithPriorAuthorization("{'status':'approved'}"), "CR5004", "/priorAuthorization/status" },
        { WithPriorAuthorization("{'status':'Affirmed'}"), "CR5004", "/priorAuthorization/status" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'billed':[{'code':'C','units':0}]}"), "CR5004", "/billed/0/units" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'billed':[{'code':'C','units':99999999999}]}"), "CR5004", "/billed/0/units" },

        // CR5005 unknown field: the pointer names it (escaped per RFC 6901).
        { Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'patient':{'name':'x'}}"), "CR5005", "/patient" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'a/b~c':1}"), "CR5005", "/a~1b~0c" },
        { WithProcedure("{'kind':'k','nerve':'L3 MB'}"), "CR5005", "/procedures/0/nerve" },
        { WithNerve("{'nerve':'L3 MB','side':'left','level':'L3-L4'}"), "CR5005", "/procedures/0/nerves/1/level" },
        { WithNerve("{'Nerve':'L3 MB','nerve':'L3 MB','side':'left'}"), "CR5005", "/procedures/0/nerves/1/Nerve" },
        { WithJoint("{'level':'L4-L5','side':'left','nerve':'medial'}"), "CR5005", "/procedures/0/joints/0/nerve" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'billed':[{'code':'C','price':10}]}"), "CR5005", "/billed/0/price" },
        { Json("{'ID':'E-1','id':'E-1','dateOfService':'2024-09-18','procedures':[]}"), "CR5005", "/ID" },
        { WithHistoryFields("'provider':'Dr. X'"), "CR5005", "/history/1/provider" },
        { WithHistoryFields("'joints':[{'level':'L4-L5','side':'left','nerve':'x'}]"), "CR5005", "/history/1/joints/0/nerve" },
        { WithPriorAuthorization("{'status':'affirmed','number':'PA-1'}"), "CR5005", "/priorAuthorization/number" },

        // CR5006 not a real YYYY-MM-DD date.
        { Json("{'id':'E-1','dateOfService':'18/09/2024','procedures':[]}"), "CR5006", "/dateOfService" },
        { Json("{'id':'E-1','dateOfService':'2023-02-29','procedures':[]}"), "CR5006", "/dateOfService" },
        { Json("{'id':'E-1','dateOfService':'2024-9-18','procedures':[]}"), "CR5006", "/dateOfService" },
        { Json("{'id':'E-1','dateOfService':'0000-01-01','procedures':[]}"), "CR5006", "/dateOfService" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18T00:00:00','procedures':[]}"), "CR5006", "/dateOfService" },
        { WithHistoryEntry("{'date':'2024-02-30','kind':'k'}"), "CR5006", "/history/1/date" },
        { WithHistoryEntry("{'date':'04/03/2024','kind':'k'}"), "CR5006", "/history/1/date" },

        // CR5007 limits.
        { Json("{'id':'" + new string('x', 201) + "','dateOfService':'2024-09-18','procedures':[]}"), "CR5007", "/id" },
        { WithJoint("{'level':'" + new string('L', 65) + "','side':'left'}"), "CR5007", "/procedures/0/joints/0/level" },
        { WithNerve("{'nerve':'" + new string('n', 65) + "','side':'left'}"), "CR5007", "/procedures/0/nerves/1/nerve" },
        { NervesOfProcedure(1001), "CR5007", "/procedures/0/nerves" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[" + string.Join(',', Enumerable.Repeat("{'kind':'k'}", 101)) + "]}"), "CR5007", "/procedures" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'diagnoses':[" + string.Join(',', Enumerable.Repeat("'A'", 101)) + "]}"), "CR5007", "/diagnoses" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'billed':[" + string.Join(',', Enumerable.Repeat("{'code':'C'}", 101)) + "]}"), "CR5007", "/billed" },
        { HistoryOf(EncounterContract.MaxHistoryEntries + 1), "CR5007", "/history" },
        { WithHistoryFields("'joints':[{'level':'" + new string('L', 65) + "','side':'left'}]"), "CR5007", "/history/1/joints/0/level" },

        // CR5008 empty required string.
        { Json("{'id':'','dateOfService':'2024-09-18','procedures':[]}"), "CR5008", "/id" },
        { WithProcedure("{'kind':''}"), "CR5008", "/procedures/0/kind" },
        { WithJoint("{'level':'','side':'left'}"), "CR5008", "/procedures/0/joints/0/level" },
        { WithJoint("{'level':' \\t ','side':'left'}"), "CR5008", "/procedures/0/joints/0/level" },
        { WithNerve("{'nerve':'','side':'left'}"), "CR5008", "/procedures/0/nerves/1/nerve" },
        { WithNerve("{'nerve':' \\u00a0\\n ','side':'left'}"), "CR5008", "/procedures/0/nerves/1/nerve" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'billed':[{'code':''}]}"), "CR5008", "/billed/0/code" },
        { WithHistoryEntry("{'date':'2024-03-04','kind':''}"), "CR5008", "/history/1/kind" },
        { WithHistoryFields("'nerves':[{'nerve':'  ','side':'left'}]"), "CR5008", "/history/1/nerves/0/nerve" },

        // CR5009 duplicate field: the first one counts.
        { Json("{'id':'E-1','id':'E-2','dateOfService':'2024-09-18','procedures':[]}"), "CR5009", "/id" },
        { WithJoint("{'level':'L4-L5','side':'left','side':'right'}"), "CR5009", "/procedures/0/joints/0/side" },
        { WithNerve("{'nerve':'L3 MB','nerve':'L4 MB','side':'left'}"), "CR5009", "/procedures/0/nerves/1/nerve" },
        { WithProcedure("{'kind':'k','nerves':[],'nerves':[]}"), "CR5009", "/procedures/0/nerves" },
        { Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[],'history':[],'history':[]}"), "CR5009", "/history" },
        { WithHistoryFields("'kind':'k2'"), "CR5009", "/history/1/kind" },
        { WithPriorAuthorization("{'status':'none','status':'affirmed'}"), "CR5009", "/priorAuthorization/status" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void EachViolationIsReportedWithItsIdAndPath(string json, string id, string path)
    {
        var result = Read(json);

        Assert.Null(result.Encounter);
        Assert.Equal([(id, path)], IdsAndPaths(result));
    }

    [Fact]
    public void SeveralErrorsInOneRecordAreAllCollectedInDocumentOrder()
    {
        var result = Read(Json("""
            {'id':'E-7','dateOfService':'2024-13-01','extra':1,
             'procedures':[{'kind':'k','technique':'laser','imaging':'xray',
                            'joints':[{'level':'L4-5','side':'left'},{'level':'','side':'up'},{'side':'left'}],
                            'nerves':[{'nerve':'L3 MB','side':'left'},{'nerve':'','side':'up'},{'side':'left','x':1}]}],
             'billed':[{'code':'C','units':-1}]}
            """));

        Assert.Equal("E-7", result.EncounterId);
        Assert.Equal(
            [
                ("CR5006", "/dateOfService"),
                ("CR5005", "/extra"),
                ("CR5004", "/procedures/0/imaging"),
                ("CR5008", "/procedures/0/joints/1/level"),
                ("CR5004", "/procedures/0/joints/1/side"),
                ("CR5002", "/procedures/0/joints/2/level"),
                ("CR5008", "/procedures/0/nerves/1/nerve"),
                ("CR5004", "/procedures/0/nerves/1/side"),
                ("CR5005", "/procedures/0/nerves/2/x"),
                ("CR5002", "/procedures/0/nerves/2/nerve"),
                ("CR5004", "/billed/0/units"),
            ],
            IdsAndPaths(result));
    }

    [Fact]
    public void MoreThanOneHundredErrorsAreCappedAtOneHundred()
    {
        var fields = string.Concat(Enumerable.Range(0, 150).Select(i => $",'x{i}':1"));
        var result = Read(Json("{'id':'E-1','dateOfService':'2024-09-18','procedures':[]" + fields + "}"));

        Assert.Equal(EncounterContract.MaxErrors, result.Errors.Length);
        Assert.All(result.Errors, e => Assert.Equal("CR5005", e.Id));
    }

    [Fact]
    public void TheIdIsReturnedEvenWhenTheRecordIsInvalid()
    {
        var result = Read(Json("{'id':'E-42','dateOfService':'never','procedures':[]}"));

        Assert.False(result.IsValid);
        Assert.Equal("E-42", result.EncounterId);
    }

    [Fact]
    public void EscapedNamesAndValuesAreReadLikePlainOnes()
    {
        var result = Read("""{"\u0069d":"E\u002d1","dateOfService":"2024\u002d09-18","procedures":[{"kind":"k","side":"\u006ceft"}]}""");

        Assert.Empty(result.Errors);
        Assert.Equal("E-1", result.Encounter!.Id);
        Assert.Equal(new DateOnly(2024, 9, 18), result.Encounter.DateOfService);
        Assert.Equal(Side.Left, result.Encounter.Procedures[0].Side);
    }
}

using RulesEngine.Models;

namespace CodingRules.Benchmarks;

/// <summary>
/// The comparison with Microsoft RulesEngine 6.0.1: the same coding decision written as that engine's workflow of
/// lambda-expression rules (System.Linq.Dynamic.Core), deciding the primary code(s) and the add-on units of each
/// procedure. It covers less than the CodingRules rule set (no per-side lines, no findings, no messages), so it is,
/// if anything, flattered by the comparison.
/// </summary>
internal sealed class RulesEngineFacetWorkflow
{
    private const string WorkflowName = "facet-joint-destruction";

    private readonly RulesEngine.RulesEngine _engine;
    private readonly RuleParameter _vocabulary = new("input2", new FacetVocabularyInput());

    public RulesEngineFacetWorkflow()
    {
        _engine = new RulesEngine.RulesEngine([CreateWorkflow()], new ReSettings());
    }

    public async Task<RulesEngineOutcome> EvaluateAsync(FacetProcedureInput procedure)
    {
        var results = await _engine.ExecuteAllRulesAsync(WorkflowName, new RuleParameter("input1", procedure), _vocabulary)
            .ConfigureAwait(false);
        var primary = new List<string>(2);
        var addOnUnits = 0;
        foreach (var result in results)
        {
            if (!result.IsSuccess)
            {
                continue;
            }

            if (result.ActionResult?.Output is int units)
            {
                addOnUnits += units;
            }
            else
            {
                primary.Add(result.Rule.SuccessEvent);
            }
        }

        return new RulesEngineOutcome(primary, addOnUnits);
    }

    private static Workflow CreateWorkflow()
    {
        // Distinct levels of a family; a level treated on both sides is one counted level, so the add-on units are
        // the family's distinct levels less the first.
        static string Levels(string family) =>
            $"input1.Joints.Where(j => input2.{family}.Contains(j.Level)).Select(j => j.Level).Distinct().Count()";

        // Distinct levels of a family treated on one side; a bilateral joint counts on both sides.
        static string Joints(string family, string excludedSide) =>
            $"input1.Joints.Where(j => j.Side != \"{excludedSide}\" && input2.{family}.Contains(j.Level)).Select(j => j.Level).Distinct().Count()";

        return new Workflow
        {
            WorkflowName = WorkflowName,
            GlobalParams =
            [
                new ScopedParam { Name = "guided", Expression = "input1.Imaging == \"fluoroscopy\" || input1.Imaging == \"ct\"" },
                new ScopedParam
                {
                    Name = "thermal",
                    Expression = "input1.Technique == \"radiofrequency\" && (input1.TemperatureCelsius == null || input1.TemperatureCelsius >= 80)",
                },
                new ScopedParam { Name = "ctLeft", Expression = Joints("CervicalThoracic", "Right") },
                new ScopedParam { Name = "ctRight", Expression = Joints("CervicalThoracic", "Left") },
                new ScopedParam { Name = "lsLeft", Expression = Joints("LumbarSacral", "Right") },
                new ScopedParam { Name = "lsRight", Expression = Joints("LumbarSacral", "Left") },
                new ScopedParam { Name = "ctLevels", Expression = Levels("CervicalThoracic") },
                new ScopedParam { Name = "lsLevels", Expression = Levels("LumbarSacral") },
            ],
            Rules =
            [
                Rule("unlisted", "64999", "input1.Joints.Count > 0 && !(guided && thermal)"),
                Rule("cervical-thoracic-first-joint", "64633", "guided && thermal && (ctLeft > 0 || ctRight > 0)"),
                Rule("cervical-thoracic-add-on", "64634", "guided && thermal && ctLevels > 1", "ctLevels - 1"),
                Rule("lumbar-sacral-first-joint", "64635", "guided && thermal && (lsLeft > 0 || lsRight > 0)"),
                Rule("lumbar-sacral-add-on", "64636", "guided && thermal && lsLevels > 1", "lsLevels - 1"),
            ],
        };
    }

    private static Rule Rule(string name, string code, string expression, string? units = null) => new()
    {
        RuleName = name,
        SuccessEvent = code,
        RuleExpressionType = RuleExpressionType.LambdaExpression,
        Expression = expression,
        Actions = units is null
            ? null
            : new RuleActions
            {
                OnSuccess = new ActionInfo
                {
                    Name = "OutputExpression",
                    Context = new Dictionary<string, object> { ["Expression"] = units },
                },
            },
    };
}

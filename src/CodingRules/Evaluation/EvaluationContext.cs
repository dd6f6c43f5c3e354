using System.Collections.Immutable;
using CodingRules.Encounters;
using CodingRules.Language;
using CodingRules.Language.Plan;
using CodingRules.Model;
using CodingRules.Results;

namespace CodingRules.Evaluation;

/// <summary>
/// The state of one evaluation as it passes through the stages: the encounter, the procedures' facts, the lines
/// derived so far (with the range each procedure's lines take), the findings, the rule sets used, and the one frame
/// every expression evaluates in. One per thread, reused: evaluation is not re-entrant (expressions cannot call back
/// into it), and <see cref="Finish"/> copies everything out and lets go of the encounter.
/// </summary>
internal sealed class EvaluationContext
{
    [ThreadStatic]
    private static EvaluationContext? t_context;

    private readonly List<RuleSet> _used = new(4);
    private List<Finding>? _findings;
    private EvaluationFrame _frame = new(8);
    private RuleSet? _frameOwner;
    private (int Start, int End)[] _ranges = new (int, int)[4];

    private EvaluationContext()
    {
    }

    public Encounter Encounter { get; private set; } = null!;

    public CodingIndex Index { get; private set; } = null!;

    public EvaluationTrace? Trace { get; private set; }

    /// <summary>False when findings are not worded (their message is empty): a caller that compares outcomes only.</summary>
    public bool Messages { get; private set; } = true;

    /// <summary>Test coverage being collected; null on the fast path.</summary>
    public CoverageRecorder? Coverage { get; private set; }

    /// <summary>The lines derived so far, in order.</summary>
    public List<CodedLine> Lines { get; } = new(8);

    /// <summary>Each procedure's facts, resolved against the vocabulary of the first coding rule set that codes it.</summary>
    public ProcedureFacts[] Procedures { get; set; } = [];

    /// <summary>The encounter as coding checks and audits see it.</summary>
    public EncounterFacts? Facts { get; set; }

    /// <summary>The vocabulary the encounter's facts were resolved against (the first coding rule set chosen).</summary>
    public RuleSet? Vocabulary { get; set; }

    public int ProcedureCount => Encounter.Procedures.IsDefault ? 0 : Encounter.Procedures.Length;

    /// <summary>The sessions the coding stage made of the procedure entries; the later stages read these.</summary>
    public Sessions Sessions { get; set; } = Sessions.None;

    /// <summary>The context of this thread, reset for <paramref name="encounter"/>.</summary>
    public static EvaluationContext Start(Encounter encounter, CodingIndex index, EvaluationTrace? trace, CoverageRecorder? coverage = null, bool messages = true)
    {
        var context = t_context ??= new EvaluationContext();
        context.Messages = messages;
        context.Encounter = encounter;
        context.Index = index;
        context.Trace = trace;
        context.Coverage = coverage;
        context._frame.TableReads = coverage; // a larger frame takes it over (TakeBudgetFrom)
        context.Lines.Clear();
        context._findings = null;
        context._used.Clear();
        context.Procedures = [];
        context.Sessions = Sessions.None;
        context.Facts = null;
        context.Vocabulary = null;
        context._frame.StartBudget();
        if (context._ranges.Length < context.ProcedureCount)
        {
            context._ranges = new (int, int)[context.ProcedureCount];
        }

        return context;
    }

    /// <summary>
    /// The frame, large enough for <paramref name="ruleSet"/>'s expressions: the one way the frame grows. Handing it to
    /// another rule set starts a new evaluation scope, so no definition cached by one rule set is read by another.
    /// </summary>
    public EvaluationFrame FrameFor(RuleSet ruleSet)
    {
        if (_frame.Slots.Length < ruleSet.SlotCount)
        {
            var larger = new EvaluationFrame(Math.Max(ruleSet.SlotCount, _frame.Slots.Length * 2));
            larger.TakeBudgetFrom(_frame);
            _frame = larger;
        }
        else if (!ReferenceEquals(_frameOwner, ruleSet))
        {
            _frame.NewScope();
        }

        _frameOwner = ruleSet;
        return _frame;
    }

    /// <summary>Records that <paramref name="ruleSet"/> contributed to the result: the one way uses are recorded (each once, in order).</summary>
    public void Use(RuleSet ruleSet)
    {
        foreach (var used in _used)
        {
            if (ReferenceEquals(used, ruleSet))
            {
                return;
            }
        }

        _used.Add(ruleSet);
    }

    public void Add(Finding finding) => (_findings ??= []).Add(finding);

    /// <summary>The lines procedure <paramref name="procedure"/> (0-based) was coded to, as a range of <see cref="Lines"/>.</summary>
    public (int Start, int End) LinesOf(int procedure) => _ranges[procedure];

    public void SetLinesOf(int procedure, int start, int end) => _ranges[procedure] = (start, end);

    /// <summary>Procedure <paramref name="procedure"/> now ends at <paramref name="end"/>; the later procedures' lines moved by <paramref name="shift"/>.</summary>
    public void MoveLinesAfter(int procedure, int end, int shift)
    {
        _ranges[procedure] = (_ranges[procedure].Start, end);
        for (var p = procedure + 1; p < Sessions.Count; p++)
        {
            _ranges[p] = (_ranges[p].Start + shift, _ranges[p].End + shift);
        }
    }

    /// <summary>The result, copied out of the reusable lists; the context then holds nothing of the encounter.</summary>
    public EvaluationResult Finish()
    {
        ImmutableArray<RuleSetUse> uses = _used.Count switch
        {
            0 => [],
            1 => _used[0].Uses, // shared, made once per rule set
            _ => [.. _used.Select(r => r.Use)],
        };
        var result = new EvaluationResult(
            Encounter.Id,
            Encounter.DateOfService,
            uses,
            Lines.Count == 0 ? [] : [.. Lines],
            _findings is null ? [] : [.. _findings],
            [])
        {
            Billed = Encounter.Billed.IsDefault ? [] : Encounter.Billed,
        };

        _frame.Clear(); // the reused frame must not keep this encounter alive
        _frameOwner = null;
        Lines.Clear();
        _used.Clear();
        _findings = null;
        Procedures = [];
        Sessions = Sessions.None;
        Facts = null;
        Vocabulary = null;
        Encounter = null!;
        Trace = null;
        Coverage = null;
        _frame.TableReads = null;
        return result;
    }

    /// <summary>Binds the encounter and procedure slots, as every procedure-scope check reads them.</summary>
    public static void Bind(EvaluationFrame frame, EncounterFacts encounter, ProcedureFacts? procedure)
    {
        frame.Bind(FactSchemas.EncounterSlot, Value.FromObject(encounter));
        frame.Bind(FactSchemas.ProcedureSlot, Value.FromObject(procedure));
    }
}

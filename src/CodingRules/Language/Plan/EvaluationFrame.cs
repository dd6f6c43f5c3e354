namespace CodingRules.Language.Plan;

/// <summary>
/// The state of one evaluation: the variable slots (the host's variables, predicate parameters, hoisted values) and
/// the cache of named value definitions. A host binds its variables with <see cref="Bind"/>, which starts a new
/// evaluation scope: cached definitions are recomputed on their next use. One frame per thread at a time; frames
/// are cheap to reuse.
/// </summary>
public sealed class EvaluationFrame(int slotCount)
{
    /// <summary>
    /// The most steps the evaluation of one encounter may take (a step: one element a predicate or mapping reads,
    /// one element a list function reads, 64 characters of a text built); beyond, evaluation stops with an error
    /// result (CR5010) instead of running on. Conditions within their static cost limit on encounters of typical size
    /// take a few thousand.
    /// </summary>
    public const long StepBudget = 10_000_000;

    /// <summary>
    /// The most list elements the mappings and filters of one encounter's evaluation may build, all lists together
    /// (beyond, CR5010): what bounds the memory of lists of lists, a few tens of megabytes at most.
    /// </summary>
    public const long MaxBuiltElements = 1_000_000;

    /// <summary>The longest text an evaluation may build (2 MB of UTF-16); the encounter's own texts are shorter.</summary>
    public const int MaxTextLength = 1 << 20;

    private Value[] _cached = [];
    private long[] _cachedIn = [];
    private long _scope = 1;
    private long _steps = StepBudget;
    private long _elements = MaxBuiltElements;

    /// <summary>Told of the table rows conditions read, while test coverage is collected; null otherwise (the fast path).</summary>
    internal ITableReadRecorder? TableReads { get; set; }

    /// <summary>The slots, indexed by the numbers the checker assigned.</summary>
    public Value[] Slots { get; } = new Value[slotCount];

    /// <summary>Binds a host variable and starts a new evaluation scope (cached definitions go stale).</summary>
    public void Bind(int slot, Value value)
    {
        Slots[slot] = value;
        _scope++;
    }

    /// <summary>Starts a new evaluation scope without binding (e.g. another rule set reads the frame next).</summary>
    public void NewScope() => _scope++;

    /// <summary>Forgets every slot and cached value (so a reused frame keeps nothing of an earlier evaluation alive).</summary>
    public void Clear()
    {
        Array.Clear(Slots);
        Array.Clear(_cached);
        _scope++;
    }

    /// <summary>Starts the budget of a new encounter's evaluation.</summary>
    internal void StartBudget() => (_steps, _elements) = (StepBudget, MaxBuiltElements);

    /// <summary>Carries what is left of the budget into a larger frame.</summary>
    internal void TakeBudgetFrom(EvaluationFrame other) => (_steps, _elements, TableReads) = (other._steps, other._elements, other.TableReads);

    /// <summary>Spends <paramref name="count"/> of the list elements an evaluation may build, before they are built.</summary>
    internal void SpendOnList(int count)
    {
        _elements -= count;
        if (_elements < 0)
        {
            throw new EvaluationBudgetException($"its conditions would build lists of more than {MaxBuiltElements.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)} elements in all");
        }
    }

    /// <summary>Spends <paramref name="steps"/> of the budget; throws <see cref="EvaluationBudgetException"/> when it runs out.</summary>
    internal void Spend(long steps)
    {
        _steps -= steps;
        if (_steps < 0)
        {
            throw new EvaluationBudgetException(StepBudget);
        }
    }

    /// <summary>
    /// Spends the steps of building a text of <paramref name="length"/> characters (one per 64); a text longer than
    /// <see cref="MaxTextLength"/> is refused before it is built.
    /// </summary>
    internal void SpendOnText(long length)
    {
        if (length > MaxTextLength)
        {
            throw new EvaluationBudgetException($"a condition would build a text of more than {MaxTextLength.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)} characters");
        }

        Spend(1 + (length >> 6));
    }

    internal bool TryGetCached(int index, out Value value)
    {
        if (index < _cachedIn.Length && _cachedIn[index] == _scope)
        {
            value = _cached[index];
            return true;
        }

        value = default;
        return false;
    }

    internal void SetCached(int index, Value value)
    {
        if (index >= _cached.Length)
        {
            var size = Math.Max(index + 1, _cached.Length * 2);
            Array.Resize(ref _cached, size);
            Array.Resize(ref _cachedIn, size);
        }

        _cached[index] = value;
        _cachedIn[index] = _scope;
    }
}

/// <summary>Thrown when an evaluation spends more than its step budget; the evaluator turns it into an error result.</summary>
public sealed class EvaluationBudgetException : Exception
{
    /// <summary>Creates the exception for a budget of <paramref name="budget"/> steps.</summary>
    public EvaluationBudgetException(long budget)
        : base($"it took more than {budget.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)} steps (the encounter is too large for the rules' conditions, or a condition costs too much for it)") => Budget = budget;

    /// <summary>Creates the exception.</summary>
    public EvaluationBudgetException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EvaluationBudgetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public EvaluationBudgetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The budget that ran out.</summary>
    public long Budget { get; }
}

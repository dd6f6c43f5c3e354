namespace CodingRules.Language.Plan;

/// <summary>
/// The state of one evaluation: the variable slots (the host's variables, predicate parameters, hoisted values) and
/// the cache of named value definitions. A host binds its variables with <see cref="Bind"/>, which starts a new
/// evaluation scope: cached definitions are recomputed on their next use. One frame per thread at a time; frames
/// are cheap to reuse.
/// </summary>
public sealed class EvaluationFrame(int slotCount)
{
    private Value[] _cached = [];
    private long[] _cachedIn = [];
    private long _scope = 1;

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

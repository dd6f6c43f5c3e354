namespace CodingRules.Language.Functions;

/// <summary>The type variables one overload resolution binds: <c>T</c> (from the arguments) and <c>U</c> (a mapping's result).</summary>
internal sealed class TypeBindings
{
    public ExprType? T { get; set; }

    public ExprType? U { get; set; }
}

/// <summary>
/// The types a parameter accepts, by shape: whether the value may be missing is the parameter's
/// <see cref="MissingValues"/>, not the pattern's. <c>null</c> matches any pattern but a list or a predicate.
/// </summary>
internal abstract class TypePattern
{
    public static TypePattern Number { get; } = new KindPattern(TypeKind.Number);

    public static TypePattern String { get; } = new KindPattern(TypeKind.String);

    public static TypePattern Boolean { get; } = new KindPattern(TypeKind.Boolean);

    public static TypePattern Date { get; } = new KindPattern(TypeKind.Date);

    public static TypePattern Period { get; } = new KindPattern(TypeKind.Period);

    /// <summary>Any scalar type (text, number, boolean, date), bound to <c>T</c>.</summary>
    public static TypePattern ScalarT { get; } = new VariablePattern(scalarOnly: true);

    /// <summary>Any type, bound to <c>T</c>.</summary>
    public static TypePattern AnyT { get; } = new VariablePattern(scalarOnly: false);

    /// <summary>A predicate over the elements of the first argument (a list): <c>T =&gt; boolean</c>.</summary>
    public static TypePattern Predicate { get; } = new LambdaPattern(mapping: false);

    /// <summary>A mapping of the elements of the first argument: <c>T =&gt; U</c>.</summary>
    public static TypePattern Mapping { get; } = new LambdaPattern(mapping: true);

    /// <summary>True for predicate and mapping parameters.</summary>
    public virtual bool IsLambda => false;

    /// <summary>A list whose elements match <paramref name="element"/>.</summary>
    public static TypePattern ListOf(TypePattern element) => new ListPattern(element);

    /// <summary>True when <paramref name="type"/> has an accepted shape; may bind <paramref name="bindings"/>.</summary>
    public abstract bool Matches(ExprType type, TypeBindings bindings);

    /// <summary>How the pattern reads in an error, with what is bound so far.</summary>
    public abstract string Describe(TypeBindings bindings);

    private sealed class KindPattern(TypeKind kind) : TypePattern
    {
        public override bool Matches(ExprType type, TypeBindings bindings) => type.Kind == kind || type.Kind == TypeKind.Null;

        public override string Describe(TypeBindings bindings) => kind.ToString().ToLowerInvariant();
    }

    private sealed class VariablePattern(bool scalarOnly) : TypePattern
    {
        public override bool Matches(ExprType type, TypeBindings bindings)
        {
            if (type.Kind == TypeKind.Null)
            {
                return true;
            }

            if (scalarOnly && !type.IsScalar)
            {
                return false;
            }

            if (bindings.T is null)
            {
                bindings.T = type.AsPresent();
                return true;
            }

            return bindings.T.SameShape(type);
        }

        public override string Describe(TypeBindings bindings) => bindings.T?.Name ?? (scalarOnly ? "a text, number, boolean or date" : "a value");
    }

    private sealed class ListPattern(TypePattern element) : TypePattern
    {
        public override bool Matches(ExprType type, TypeBindings bindings) =>
            type.Kind == TypeKind.List && element.Matches(type.Element!, bindings);

        public override string Describe(TypeBindings bindings) => $"a list of {Plural(element.Describe(bindings))}";

        private static string Plural(string what) => what switch
        {
            "a value" => "values",
            "a text, number, boolean or date" => "texts, numbers, booleans or dates",
            _ => what.EndsWith('s') ? what : what + "s",
        };
    }

    private sealed class LambdaPattern(bool mapping) : TypePattern
    {
        public override bool IsLambda => true;

        public override bool Matches(ExprType type, TypeBindings bindings)
        {
            if (mapping)
            {
                bindings.U = type;
                return true;
            }

            return type.Kind == TypeKind.Boolean;
        }

        public override string Describe(TypeBindings bindings) =>
            mapping ? "a mapping such as 'x => x.level'" : "a predicate such as 'x => x.side == \"left\"'";
    }
}

/// <summary>Result types shared by several overloads.</summary>
internal static class Results
{
    public static Func<ResultContext, ExprType> Of(ExprType type) => _ => type;

    /// <summary>The type of argument <paramref name="index"/>, present.</summary>
    public static Func<ResultContext, ExprType> ArgumentType(int index) => c => c.Arguments[index].Type.AsPresent();

    /// <summary>The element type of list argument <paramref name="index"/>, possibly missing (an empty list has none).</summary>
    public static Func<ResultContext, ExprType> OptionalElementOf(int index) => c => c.Arguments[index].Type.Element!.AsOptional();
}

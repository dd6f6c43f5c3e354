using CodingRules.Diagnostics;
using CodingRules.Language.Plan;

namespace CodingRules.Language;

/// <summary>Binary operators: logic, equality, ordering, membership and arithmetic.</summary>
internal sealed partial class Binder
{
    private Bound? BindBinary(BinarySyntax binary, ExpressionEnvironment env)
    {
        var left = BindNode(binary.Left, env);
        var right = BindNode(binary.Right, env);
        if (left is null || right is null)
        {
            return null;
        }

        var op = binary.Operator;
        int s = binary.Start, n = binary.Length;
        Bound? Mismatch() => OperatorError(op, left.Type, right.Type);
        switch (op.Kind)
        {
            case TokenKind.And or TokenKind.Or:
                if (left.Type.Kind != TypeKind.Boolean || right.Type.Kind != TypeKind.Boolean)
                {
                    return Mismatch();
                }

                return Fold(new Bound(ExprType.Boolean, op.Kind == TokenKind.And
                    ? new AndNode(s, n, left.Node, right.Node)
                    : new OrNode(s, n, left.Node, right.Node)));

            case TokenKind.EqualEqual or TokenKind.NotEqual:
                {
                    var comparable = (left.Type.IsScalar && (left.Type.Equals(right.Type) || right.Type.Kind == TypeKind.Null))
                        || (right.Type.IsScalar && left.Type.Kind == TypeKind.Null)
                        || (left.Type.Kind == TypeKind.Null && right.Type.Kind == TypeKind.Null);
                    return comparable
                        ? Fold(new Bound(ExprType.Boolean, new EqualsNode(s, n, left.Node, right.Node, op.Kind == TokenKind.NotEqual)))
                        : Mismatch();
                }

            case TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual:
                {
                    var ordered = left.Type.Equals(right.Type) && left.Type.Kind is TypeKind.Number or TypeKind.Date or TypeKind.String;
                    if (!ordered)
                    {
                        return Mismatch();
                    }

                    var comparison = op.Kind switch
                    {
                        TokenKind.Less => ComparisonOperator.Less,
                        TokenKind.LessEqual => ComparisonOperator.LessOrEqual,
                        TokenKind.Greater => ComparisonOperator.Greater,
                        _ => ComparisonOperator.GreaterOrEqual,
                    };
                    return Fold(new Bound(ExprType.Boolean, new CompareNode(s, n, left.Node, right.Node, comparison)));
                }

            case TokenKind.In:
                {
                    var fits = right.Type.Kind == TypeKind.List && left.Type.IsScalar
                        && (right.Type.Element!.Equals(left.Type) || right.Type.Element.Kind == TypeKind.Null);
                    return fits
                        ? Fold(new Bound(ExprType.Boolean, new InNode(s, n, left.Node, right.Node, binary.Negated)))
                        : Mismatch();
                }

            case TokenKind.Plus or TokenKind.Minus:
                {
                    var subtract = op.Kind == TokenKind.Minus;
                    if (left.Type.Kind == TypeKind.Number && right.Type.Kind == TypeKind.Number)
                    {
                        return Fold(new Bound(ExprType.Number, new ArithmeticNode(s, n, left.Node, right.Node, subtract ? ArithmeticOperator.Subtract : ArithmeticOperator.Add)));
                    }

                    if (!subtract && left.Type.Kind == TypeKind.String && right.Type.Kind == TypeKind.String)
                    {
                        return Fold(new Bound(ExprType.String, new ConcatNode(s, n, left.Node, right.Node)));
                    }

                    if (left.Type.Kind is TypeKind.Date or TypeKind.Period && right.Type.Kind == TypeKind.Period)
                    {
                        return Hoist(Fold(new Bound(left.Type, new PeriodArithmeticNode(s, n, left.Node, right.Node, subtract))));
                    }

                    return Mismatch();
                }

            default:
                {
                    if (left.Type.Kind != TypeKind.Number || right.Type.Kind != TypeKind.Number)
                    {
                        return Mismatch();
                    }

                    var arithmetic = op.Kind switch
                    {
                        TokenKind.Star => ArithmeticOperator.Multiply,
                        TokenKind.Slash => ArithmeticOperator.Divide,
                        _ => ArithmeticOperator.Remainder,
                    };
                    return Fold(new Bound(ExprType.Number, new ArithmeticNode(s, n, left.Node, right.Node, arithmetic)));
                }
        }
    }

    private Bound? OperatorError(Token op, ExprType left, ExprType right)
    {
        _errors.Add(ExpressionError.At(DiagnosticDescriptors.CR3005_OperatorTypes, op.Start, op.Length, op.Text, left.Name, right.Name));
        return null;
    }
}

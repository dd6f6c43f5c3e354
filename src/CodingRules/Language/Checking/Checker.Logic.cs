using System.Collections.Immutable;
using CodingRules.Diagnostics;
using CodingRules.Language.Functions;
using CodingRules.Language.Syntax;

namespace CodingRules.Language.Checking;

/// <summary>Logic, the default operator, and the guards that prove a value present.</summary>
internal sealed partial class Checker
{
    private Checked? CheckLogical(LogicalSyntax logical, Scope scope)
    {
        var isAnd = logical.Operator == TokenKind.And;
        var operands = new List<CheckedNode?>();
        var proved = None; // what the operands so far prove when the next one is evaluated
        ImmutableHashSet<string>? common = null; // what every operand proves for the other outcome
        foreach (var operandSyntax in logical.Operands)
        {
            var operand = CheckNode(operandSyntax, scope.WithPresent(proved));
            operands.Add(operand?.Node);
            if (operand is null)
            {
                continue;
            }

            proved = proved.Union(isAnd ? operand.WhenTrue : operand.WhenFalse);
            var other = isAnd ? operand.WhenFalse : operand.WhenTrue;
            common = common is null ? other : common.Intersect(other);
        }

        if (operands.Contains(null))
        {
            return null;
        }

        // The first operand that is not boolean, reported at its operator as a binary chain would be.
        var bad = operands.FindIndex(o => !o!.Type.Equals(ExprType.Boolean));
        if (bad >= 0)
        {
            var op = logical.Operators[Math.Max(bad - 1, 0)];
            var (left, right) = bad == 0 ? (operands[0]!.Type.Name, operands[1]!.Type.Name) : ("boolean", operands[bad]!.Type.Name);
            _errors.Add(ExpressionError.At(DiagnosticDescriptors.CR3005_OperatorTypes, op.Start, op.Length, op.Text, left, right));
            return null;
        }

        ImmutableArray<CheckedNode> checkedOperands = [.. operands.Select(o => o!)];
        CheckedNode node = isAnd
            ? new AndExpr(logical.Start, logical.Length, checkedOperands)
            : new OrExpr(logical.Start, logical.Length, checkedOperands);
        return isAnd ? new Checked(node, proved, common ?? None) : new Checked(node, common ?? None, proved);
    }

    private Checked? CheckBinary(BinarySyntax binary, Scope scope)
    {
        var op = binary.Operator;
        if (op.Kind == TokenKind.QuestionQuestion)
        {
            return CheckDefault(binary, scope);
        }

        var symbol = op.Kind switch
        {
            TokenKind.In => binary.Negated ? "not in" : "in",
            _ => op.Text,
        };
        var result = CheckOperator(FunctionLibrary.Operator(symbol), binary, op, [binary.Left, binary.Right], scope);
        if (result is null || op.Kind is not (TokenKind.EqualEqual or TokenKind.NotEqual))
        {
            return result;
        }

        // x != null proves x present when true; x == null proves it when false.
        var call = (CallExpr)result.Node;
        var tested = call.Arguments[0] is ConstantExpr { Value.IsNull: true } ? call.Arguments[1]
            : call.Arguments[1] is ConstantExpr { Value.IsNull: true } ? call.Arguments[0]
            : null;
        if (tested is null || !tested.Type.IsOptional || tested.Type.Kind == TypeKind.Null)
        {
            return result;
        }

        var key = None.Add(CheckedKey.Of(tested));
        return op.Kind == TokenKind.NotEqual ? result with { WhenTrue = key } : result with { WhenFalse = key };
    }

    /// <summary><c>x ?? fallback</c>: x may be missing; the fallback has x's type; the result is present when the fallback is.</summary>
    private Checked? CheckDefault(BinarySyntax binary, Scope scope)
    {
        var value = CheckNode(binary.Left, scope);
        var fallback = CheckNode(binary.Right, scope);
        if (value is null || fallback is null)
        {
            return null;
        }

        var (a, b) = (value.Node.Type, fallback.Node.Type);
        var fits = a.Kind == TypeKind.Null || b.Kind == TypeKind.Null || a.SameShape(b);
        if (!fits)
        {
            return Error(DiagnosticDescriptors.CR3005_OperatorTypes, new ErrorSyntax(binary.Operator.Start, binary.Operator.Length), "??", a.Name, b.Name);
        }

        var shape = a.Kind == TypeKind.Null ? b : a;
        var type = b.IsOptional ? shape.AsOptional() : shape.AsPresent();
        return Checked.Plain(new DefaultExpr(binary.Start, binary.Length, type, value.Node, fallback.Node));
    }

    /// <summary><c>has(x)</c>: any expression; true proves x present.</summary>
    private Checked? CheckHas(CallSyntax call, Scope scope)
    {
        if (call.Arguments.Length != 1)
        {
            return Error(DiagnosticDescriptors.CR3004_ArgumentCount, call, "has", "1 argument", call.Arguments.Length);
        }

        var operand = CheckNode(call.Arguments[0], scope);
        if (operand is null)
        {
            return null;
        }

        var node = new HasExpr(call.Start, call.Length, operand.Node);
        return new Checked(node, None.Add(CheckedKey.Of(operand.Node)), None);
    }
}

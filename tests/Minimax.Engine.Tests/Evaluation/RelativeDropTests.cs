using Minimax.Engine.Evaluation;

namespace Minimax.Engine.Tests.Evaluation;

public sealed class RelativeDropTests
{
    [Fact]
    public void Eval3_relative_drop_is_35_percent()
    {
        var drop = RelativeDrop.Percent(0.60, 0.39);
        Assert.NotNull(drop);
        Assert.Equal(35.0, drop.Value, 1e-9);
    }

    [Fact]
    public void An_improvement_is_a_negative_drop()
    {
        Assert.Equal(-25.0, RelativeDrop.Percent(0.4, 0.5)!.Value, 1e-9);
    }

    [Fact]
    public void Zero_base_accuracy_has_no_relative_drop()
    {
        Assert.Null(RelativeDrop.Percent(0, 0.3));
    }
}

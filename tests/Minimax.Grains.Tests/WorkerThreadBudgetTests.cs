using Minimax.Grains.Runtime;

namespace Minimax.Grains.Tests;

public sealed class WorkerThreadBudgetTests
{
    [Fact]
    public void The_cores_are_shared_among_the_workers_active_now_and_never_below_one_thread()
    {
        var budget = new WorkerThreadBudget(configured: 0, cores: 8);
        Assert.Equal(8, budget.Threads);

        var first = budget.Join();
        Assert.Equal(8, budget.Threads);
        var others = Enumerable.Range(0, 3).Select(_ => budget.Join()).ToList();
        Assert.Equal(2, budget.Threads);
        var many = Enumerable.Range(0, 12).Select(_ => budget.Join()).ToList();
        Assert.Equal(1, budget.Threads);

        many.ForEach(member => member.Dispose());
        others.ForEach(member => member.Dispose());
        // Leaving twice counts once.
        others[0].Dispose();
        Assert.Equal(8, budget.Threads);
        first.Dispose();
    }

    [Fact]
    public void A_configured_number_holds_whatever_the_workers()
    {
        var budget = new WorkerThreadBudget(configured: 3, cores: 2);
        using var a = budget.Join();
        using var b = budget.Join();

        Assert.Equal(3, budget.Threads);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkerThreadBudget(configured: -1, cores: 2));
    }
}

namespace Minimax.Grains.Tests;

/// <summary>Runs the <see cref="StorageFaultPlan"/>'s armed action for a call before the grain's method.</summary>
public sealed class StorageFaultFilter(StorageFaultPlan plan, IServiceProvider services) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (plan.Take(context) is { } armed)
        {
            try
            {
                await armed.Action(services, context.TargetId);
                armed.Fired.TrySetResult();
            }
            catch (Exception exception)
            {
                armed.Fired.TrySetException(exception);
            }
        }
        await context.Invoke();
    }
}

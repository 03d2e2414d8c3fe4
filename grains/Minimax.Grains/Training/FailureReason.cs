using Minimax.Engine.Data;

namespace Minimax.Grains.Training;

/// <summary>Turns an exception from the step loop into a reason a user can act on.</summary>
public static class FailureReason
{
    public static string Describe(Exception exception)
    {
        while (exception is AggregateException { InnerException: { } inner })
        {
            exception = inner;
        }
        return exception switch
        {
            DataException data => $"data: {data.Message}",
            ArgumentException argument => argument.Message,
            OutOfMemoryException => "out of memory: lower training.batch_size or the model width",
            _ => $"{exception.GetType().Name}: {exception.Message}",
        };
    }
}

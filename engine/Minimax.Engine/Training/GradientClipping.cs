using TorchSharp;

namespace Minimax.Engine.Training;

/// <summary>Clips the gradient of a whole model by its total L2 norm, as torch.nn.utils.clip_grad_norm_ does.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales every parameter's gradient by <c>max_norm / (norm + 1e-6)</c> when the total norm is above
    /// <paramref name="maxNorm"/>, and leaves it as it is otherwise; returns the norm before clipping.
    /// </summary>
    public static double ClipTotalNorm(torch.nn.Module model, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNorm);
        return torch.nn.utils.clip_grad_norm_(model.parameters(), maxNorm);
    }
}

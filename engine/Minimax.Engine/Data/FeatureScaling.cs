namespace Minimax.Engine.Data;

/// <summary>
/// z-scores with a training split's per-feature mean and population standard deviation (a constant feature
/// keeps std 1), applied alike to every split a model sees: at training, and when it is scored later.
/// </summary>
public sealed class FeatureScaling
{
    private FeatureScaling(double[] mean, double[] std)
    {
        Mean = mean;
        Std = std;
    }

    public double[] Mean { get; }

    public double[] Std { get; }

    public int FeatureCount => Mean.Length;

    /// <summary>The statistics of row-major <paramref name="train"/> features.</summary>
    public static FeatureScaling Fit(float[] train, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        var rows = train.Length / featureCount;
        var mean = new double[featureCount];
        var std = new double[featureCount];
        for (var f = 0; f < featureCount; f++)
        {
            double sum = 0;
            for (var row = 0; row < rows; row++)
            {
                sum += train[row * featureCount + f];
            }

            mean[f] = sum / rows;
            double squares = 0;
            for (var row = 0; row < rows; row++)
            {
                var d = train[row * featureCount + f] - mean[f];
                squares += d * d;
            }

            std[f] = Math.Sqrt(squares / rows);
            if (std[f] == 0)
            {
                std[f] = 1;
            }
        }

        return new FeatureScaling(mean, std);
    }

    /// <summary>Scales row-major <paramref name="features"/> in place.</summary>
    public void Apply(float[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length % FeatureCount != 0)
        {
            throw new ArgumentException($"{features.Length} values are not rows of {FeatureCount} features.", nameof(features));
        }

        for (var i = 0; i < features.Length; i++)
        {
            var f = i % FeatureCount;
            features[i] = (float)((features[i] - Mean[f]) / Std[f]);
        }
    }
}

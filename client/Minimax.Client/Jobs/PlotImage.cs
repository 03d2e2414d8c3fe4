using ScottPlot;

namespace Minimax.Client.Jobs;

/// <summary>Every --plots file: a PNG of one size.</summary>
internal static class PlotImage
{
    private const int Width = 900;
    private const int Height = 540;

    /// <summary>Writes <paramref name="plot"/> to <paramref name="directory"/>/<paramref name="file"/> and returns the path.</summary>
    public static string Save(Plot plot, string directory, string file)
    {
        var path = Path.Combine(directory, file);
        plot.SavePng(path, Width, Height);
        return path;
    }
}

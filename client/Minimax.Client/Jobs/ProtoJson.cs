using Google.Protobuf;

namespace Minimax.Client.Jobs;

/// <summary>The JSON form of API messages: proto field names (snake_case), defaults included.</summary>
public static class ProtoJson
{
    private static readonly JsonFormatter Formatter =
        new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true).WithPreserveProtoFieldNames(true));

    public static string Format(IMessage message) => Formatter.Format(message);

    public static void Write(TextWriter stdout, IMessage message)
    {
        stdout.WriteLine(Format(message));
        stdout.Flush();
    }
}

namespace Minimax.Engine.Files;

/// <summary>What a path names once symbolic links are followed (the S_IFMT bits of its mode).</summary>
public enum FileNodeKind
{
    Missing,
    RegularFile,
    Folder,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,
    Unknown,
}

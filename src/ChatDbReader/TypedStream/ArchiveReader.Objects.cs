using System.Runtime.CompilerServices;
using System.Text;

namespace LineAgent.ChatDbReader.TypedStream;

internal ref partial struct ArchiveReader
{
    // MARK: object table

    private int AddSlot(SlotKind kind)
    {
        if (_objectCount == _objects.Length)
        {
            Array.Resize(ref _objects, _objectCount * 2);
        }

        _objects[_objectCount] = new ObjectSlot { Kind = kind };
        return _objectCount++;
    }

    // MARK: objects

    /// <summary>
    /// Reads an object position: nil, a NEW object (slot, class chain, fields, end-of-object) or a reference to an
    /// earlier object. A reference to an object still being read (a cycle) yields null.
    /// </summary>
    public object? ReadObject(int depth)
    {
        var head = ReadHead();
        if (head == TypedStreamTags.New)
        {
            // The depth bound keeps recursion small; the stack probe also covers callers that are already deep.
            if (depth >= MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                throw Error(TypedStreamError.TooDeep, $"objects nested deeper than {MaxDepth} (or the stack is nearly full)");
            }

            var slot = AddSlot(SlotKind.Object);
            var classSlot = ReadClassChain();
            var value = ReadObjectBody(classSlot, depth + 1);
            _objects[slot].Value = value;
            return value;
        }

        if (head == TypedStreamTags.Nil)
        {
            return null;
        }

        var index = ReadReference(head, _objectCount, "object");
        ref readonly var target = ref _objects[index];
        if (target.Kind != SlotKind.Object)
        {
            throw Error(TypedStreamError.BadReference, $"object reference {index} names a {target.Kind}");
        }

        return target.Value;
    }

    /// <summary>
    /// Reads a class chain: (NEW name version)+ ended by nil (root class) or a reference to a known class; or just a
    /// reference. Iterative, so a long chain cannot overflow the stack. Returns the most-derived class's slot.
    /// </summary>
    private int ReadClassChain()
    {
        var first = -1;
        while (true)
        {
            var head = ReadHead();
            int current;
            if (head == TypedStreamTags.New)
            {
                var name = ReadSharedString();
                if (name < 0)
                {
                    throw Error(TypedStreamError.BadObjectLayout, "class with a nil name");
                }

                _ = ReadInteger(ReadHead(), unsigned: false); // class version: every known layout is version-independent
                current = AddSlot(SlotKind.Class);
                ref var slot = ref _objects[current];
                slot.Name = name;
                slot.Class = FoundationClassNames.Classify(StringBytes(name));
            }
            else if (head == TypedStreamTags.Nil)
            {
                if (first < 0)
                {
                    throw Error(TypedStreamError.BadObjectLayout, "object with a nil class");
                }

                return first;
            }
            else
            {
                current = ReadReference(head, _objectCount, "class");
                if (_objects[current].Kind != SlotKind.Class)
                {
                    throw Error(TypedStreamError.BadReference, $"class reference {current} names a {_objects[current].Kind}");
                }
            }

            if (first < 0)
            {
                first = current; // later links are superclasses: their layouts are read through the most-derived class
            }

            if (head != TypedStreamTags.New)
            {
                return first; // a reference ends the chain: that class's own chain is already known
            }
        }
    }

    /// <summary>Reads a C string ('*'): NEW + shared string (takes an object slot), nil, or a reference to one.</summary>
    public int ReadCString()
    {
        var head = ReadHead();
        if (head == TypedStreamTags.New)
        {
            var body = ReadSharedString();
            if (body < 0)
            {
                throw Error(TypedStreamError.BadObjectLayout, "C string with a nil body");
            }

            var slot = AddSlot(SlotKind.CString);
            _objects[slot].Name = body;
            return slot;
        }

        if (head == TypedStreamTags.Nil)
        {
            return -1;
        }

        var index = ReadReference(head, _objectCount, "C string");
        if (_objects[index].Kind != SlotKind.CString)
        {
            throw Error(TypedStreamError.BadReference, $"C string reference {index} names a {_objects[index].Kind}");
        }

        return index;
    }

    public readonly ReadOnlySpan<byte> CStringBytes(int slot) => StringBytes(_objects[slot].Name);

    /// <summary>Reads a class position ('#'): its name, or null for nil.</summary>
    public string? ReadClassValue()
    {
        if (PeekHead() == TypedStreamTags.Nil)
        {
            _pos++;
            return null;
        }

        return ClassName(ReadClassChain());
    }

    private readonly string ClassName(int classSlot) => Encoding.UTF8.GetString(StringBytes(_objects[classSlot].Name));

    private enum SlotKind : byte
    {
        Object,
        Class,
        CString,
    }

    private struct ObjectSlot
    {
        public SlotKind Kind;
        public FoundationClass Class;
        public int Name;      // class: S index of its name; C string: S index of its body
        public object? Value; // object: its decoded value (null while it is being read)
    }
}

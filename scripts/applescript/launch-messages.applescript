-- Starts Messages without bringing it to the front (used after -600 "Application isn't running").
--   argv: {}
on run argv
	if (count of argv) is not 0 then error "launch-messages expects no arguments, got " & (count of argv) & "." number -1708
	tell application "Messages" to launch
	return "launched"
end run

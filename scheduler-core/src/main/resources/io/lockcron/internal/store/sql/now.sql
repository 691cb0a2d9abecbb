SELECT <now>
